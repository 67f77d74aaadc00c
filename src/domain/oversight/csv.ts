// CSV text by RFC 4180, by hand: package.json has no CSV library, and writing
// (not parsing) needs only this. Fields with a comma, a double quote, CR or LF
// are quoted and their quotes doubled; records end with CRLF.

export type CsvField = string | number | null;

export function csvField(value: CsvField): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvField[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
