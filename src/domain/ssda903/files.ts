// Reading an SSDA903 return (issue 11 §4): the DfE CSV files a council's case system exports each
// year, in the column names and codes of the DfE guidance (reference/statutory.md §3.1), plus Pathway's
// own optional people.csv. Pure: text in, rows and a list of every error out (file, line, column,
// reason), never just the first. CSV itself is read by csv-parse (byte-order mark, CRLF, quoting).
import { parse } from 'csv-parse/sync';
import {
  CATEGORY_OF_NEED_NAMES,
  ETHNICITY_NAMES,
  LEGAL_STATUS_NAMES,
  OC3_ACCOMMODATION_CODES,
  OC3_ACTIVITY_CODES,
  OC3_IN_TOUCH_NAMES,
  PLACEMENT_NAMES,
  PLACEMENT_PROVIDER_NAMES,
  REASON_ENDED_NAMES,
  REASON_NEW_EPISODE_NAMES,
  REASON_PLACE_CHANGE_NAMES,
  REVIEW_PARTICIPATION_NAMES,
  MISSING_KIND_NAMES,
} from '../codes.ts';

/** One thing wrong with the files: where (file, line as a spreadsheet numbers it, column) and why. */
export type ImportError = { file: string; line: number; column: string; reason: string };

type Kind =
  | { type: 'text' }
  | { type: 'date' }
  | { type: 'sex' }
  | { type: 'code'; codes: readonly string[] }
  | { type: 'email' };

type Column = { name: string; required: boolean; kind: Kind };

const text: Kind = { type: 'text' };
const date: Kind = { type: 'date' };
const email: Kind = { type: 'email' };
const code = (names: Readonly<Record<string, string>> | readonly string[]): Kind => ({
  type: 'code',
  codes: Array.isArray(names) ? names : Object.keys(names),
});
const col = (name: string, kind: Kind, required = true): Column => ({ name, kind, required });

/**
 * The files Pathway reads, their columns (DfE 903 guidance names; people.csv is Pathway's own) and
 * whether each must have a value. Codes are checked against the DfE lists in domain/codes.ts.
 */
export const FILES = {
  'header.csv': [
    col('CHILD', text),
    col('SEX', { type: 'sex' }),
    col('DOB', date),
    col('ETHNIC', code(ETHNICITY_NAMES)),
    col('UPN', text, false),
    col('MOTHER', code(['0', '1']), false),
    col('MC_DOB', date, false),
  ],
  'episodes.csv': [
    col('CHILD', text),
    col('DECOM', date),
    col('RNE', code(REASON_NEW_EPISODE_NAMES)),
    col('LS', code(LEGAL_STATUS_NAMES)),
    col('CIN', code(CATEGORY_OF_NEED_NAMES)),
    col('PLACE', code(PLACEMENT_NAMES)),
    col('PLACE_PROVIDER', code(PLACEMENT_PROVIDER_NAMES), false),
    col('DEC', date, false),
    col('REC', code(REASON_ENDED_NAMES), false),
    col('REASON_PLACE_CHANGE', code(REASON_PLACE_CHANGE_NAMES), false),
    col('HOME_POST', text, false),
    col('PL_POST', text, false),
    col('URN', text, false),
  ],
  'uasc.csv': [col('CHILD', text), col('SEX', { type: 'sex' }), col('DOB', date), col('DUC', date, false)],
  'oc3.csv': [
    col('CHILD', text),
    col('DOB', date),
    col('IN_TOUCH', code(OC3_IN_TOUCH_NAMES)),
    col('ACTIV', code(OC3_ACTIVITY_CODES), false),
    col('ACCOM', code(OC3_ACCOMMODATION_CODES), false),
  ],
  'reviews.csv': [
    col('CHILD', text),
    col('DOB', date),
    col('REVIEW', date),
    col('REVIEW_CODE', code(REVIEW_PARTICIPATION_NAMES)),
  ],
  'missing.csv': [
    col('CHILD', text),
    col('DOB', date),
    col('MISSING', code(MISSING_KIND_NAMES)),
    col('MIS_START', date),
    col('MIS_END', date, false),
  ],
  'people.csv': [
    col('CHILD', text),
    col('given name', text),
    col('family name', text),
    col('preferred name', text, false),
    col('team', text, false),
    col("adviser's email", email, false),
    col("social worker's email", email, false),
  ],
} as const satisfies Record<string, readonly Column[]>;

export type FileName = keyof typeof FILES;
export const REQUIRED_FILES: readonly FileName[] = ['header.csv', 'episodes.csv'];

/**
 * A row read from one file: its values by column name (null when empty or unreadable), its line, and
 * whether every value could be read (a row that could not is still known by its CHILD).
 */
export type Row = { line: number; values: Record<string, string | null>; valid: boolean };

/** dd/mm/yyyy, as the DfE files write dates, to an ISO date; null when it is not a real date. */
export function readDate(value: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const when = new Date(Date.UTC(y, mo - 1, d));
  if (when.getUTCFullYear() !== y || when.getUTCMonth() !== mo - 1 || when.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The 903 sex codes: 1/2 in the older returns, M/F in the newer; Pathway stores male/female. */
export function readSex(value: string): 'male' | 'female' | null {
  const v = value.trim().toUpperCase();
  if (v === '1' || v === 'M') return 'male';
  if (v === '2' || v === 'F') return 'female';
  return null;
}

const normal = (name: string) => name.trim().toLowerCase().replace(/[’`]/g, "'");

function check(kind: Kind, raw: string): { value: string } | { reason: string } {
  switch (kind.type) {
    case 'date': {
      const iso = readDate(raw);
      return iso ? { value: iso } : { reason: `“${raw}” is not a date written as dd/mm/yyyy` };
    }
    case 'sex': {
      const sex = readSex(raw);
      return sex ? { value: sex } : { reason: `“${raw}” is not a sex code (1, 2, M or F)` };
    }
    case 'code': {
      const upper = raw.trim().toUpperCase();
      return kind.codes.includes(upper) ? { value: upper } : { reason: `“${raw}” is not one of the DfE codes` };
    }
    case 'email':
      return /^[^@\s]+@[^@\s]+$/.test(raw.trim())
        ? { value: raw.trim().toLowerCase() }
        : { reason: `“${raw}” is not an email address` };
    default:
      return { value: raw.trim() };
  }
}

/**
 * Reads one file: its header line must name every column (any order, any case; extra columns are
 * left alone), and each value must have the kind its column needs.
 */
export function readFile(file: FileName, content: string): { rows: Row[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const reason = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, '') : String(error);
    return { rows: [], errors: [{ file, line, column: '', reason: `The file cannot be read as CSV: ${reason}` }] };
  }
  if (records.length === 0)
    return { rows: [], errors: [{ file, line: 1, column: '', reason: 'The file is empty: it needs a header line' }] };
  const header = records[0].record.map(normal);
  const columns: readonly Column[] = FILES[file];
  const at = new Map<string, number>();
  for (const c of columns) {
    const i = header.indexOf(normal(c.name));
    if (i < 0) errors.push({ file, line: 1, column: c.name, reason: 'The column is missing from the header line' });
    else at.set(c.name, i);
  }
  if (errors.length) return { rows: [], errors };
  const rows: Row[] = [];
  for (const { record, info } of records.slice(1)) {
    const values: Record<string, string | null> = {};
    let ok = true;
    for (const c of columns) {
      const raw = (record[at.get(c.name) as number] ?? '').trim();
      if (raw === '') {
        values[c.name] = null;
        if (c.required) {
          errors.push({ file, line: info.lines, column: c.name, reason: 'A value is needed' });
          ok = false;
        }
        continue;
      }
      const read = check(c.kind, raw);
      if ('reason' in read) {
        errors.push({ file, line: info.lines, column: c.name, reason: read.reason });
        values[c.name] = null;
        ok = false;
      } else values[c.name] = read.value;
    }
    rows.push({ line: info.lines, values, valid: ok });
  }
  return { rows, errors };
}
