// The SSDA903 files as an administrator uploads them from a page (issue 11 §4, §7): which files they are,
// whether each is small enough, and their text. Pure: bytes in, the files by name and every error out in
// the same shape as the return's own (file, line, column, reason), so one list shows them all.
import { FILES, type FileName, type ImportError } from './files.ts';

/**
 * The largest file the page takes. A council's whole return is a few megabytes (10,000 children with
 * 40,000 episodes is about 3 MB), so a 50 MB file is the wrong file, or not a CSV export: it is refused
 * with a message, never read into the database.
 */
export const MAX_UPLOAD_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_FILES = Object.keys(FILES).length;
const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** One uploaded file as the HTTP layer received it; `tooLarge` when it stopped reading at the limit. */
export type UploadedFile = { name: string; bytes: Uint8Array; tooLarge: boolean };

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Excel's "CSV (Comma delimited)" on a UK Windows machine writes Windows-1252, not UTF-8. Node decodes
 * that label as Latin-1, so bytes 0x80–0x9F (€, curly quotes, dashes, Š, Ž…) are mapped here.
 */
const latin1 = new TextDecoder('latin1');
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const windows1252 = {
  decode: (bytes: Uint8Array) =>
    latin1.decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]),
};

/** The text of a CSV file: UTF-8 (with or without a byte-order mark, which the CSV reader skips), else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** The file name without any folder a browser sent, in lower case: `C:\\903\\Header.CSV` is `header.csv`. */
export const baseName = (name: string) => name.split(/[\\/]/).pop()!.trim().toLowerCase();

/** The uploaded files by their names, or what is wrong with them. Empty file inputs are left out. */
export function readUploads(uploads: readonly UploadedFile[]): {
  files: Record<string, string>;
  errors: ImportError[];
} {
  const files: Record<string, string> = {};
  const errors: ImportError[] = [];
  const at = (file: string, reason: string) => errors.push({ file, line: 0, column: '', reason });
  const chosen = uploads.filter((u) => u.name.trim() !== '' || u.bytes.length > 0);
  if (!chosen.length) at('', 'Choose the SSDA903 files to upload: at least header.csv and episodes.csv');
  const known = Object.keys(FILES) as FileName[];
  for (const u of chosen) {
    const name = baseName(u.name);
    if (!known.includes(name as FileName))
      at(u.name, `Pathway does not read a file called “${u.name}”. The files it reads are ${known.join(', ')}`);
    else if (name in files) at(name, 'This file was chosen twice: choose it once');
    else if (u.tooLarge)
      at(
        name,
        `The file is larger than ${MB(MAX_UPLOAD_FILE_BYTES)}, too large for one council’s return. Check it is the right file`,
      );
    else files[name] = decodeCsv(u.bytes);
  }
  return { files, errors };
}
