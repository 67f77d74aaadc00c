// Reading downloaded tables back in HTTP tests: a CSV body and an XLSX workbook as rows of text cells.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

/** RFC 4180: quoted fields may hold commas and doubled quotes. */
export const csvRows = (body: string) =>
  body
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
        m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1],
      ),
    );
/** The workbook's one sheet as text cells, dates back to YYYY-MM-DD, as the CSV writes them. */
export async function xlsxRows(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  expect(workbook.worksheets).toHaveLength(1);
  const rowsOut: string[][] = [];
  workbook.worksheets[0].eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rowsOut.push(
      values.map((v) =>
        v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v),
      ),
    );
  });
  return rowsOut;
}
