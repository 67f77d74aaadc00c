// A table of the performance page as an XLSX workbook (issue 10 §2), written with exceljs: the same
// header and rows as the CSV (src/domain/oversight/tables.ts), with numbers as numbers, percentages
// as numbers and dates as dates, so a manager can chart or sum them in a spreadsheet.
import ExcelJS from 'exceljs';
import type { CsvField, DataTable } from '../../domain/oversight/index.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DATE_COLUMNS = new Set(['date', 'from', 'to']);
const isPercent = (column: string) => column === 'percent' || column.startsWith('percent_');

function cellOf(column: string, value: CsvField): string | number | Date | null {
  if (value === null) return null;
  if (DATE_COLUMNS.has(column) && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (isPercent(column) && typeof value === 'string') return Number(value);
  return value;
}

/** The workbook: one sheet named `sheet`, the header in bold and frozen, a row per table row. */
export async function toXlsx(table: DataTable, sheet: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pathway';
  const ws = workbook.addWorksheet(sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.header.map((column) => ({
    header: column,
    key: column,
    width: Math.max(12, column.length + 2),
    style: DATE_COLUMNS.has(column) ? { numFmt: 'd mmmm yyyy' } : isPercent(column) ? { numFmt: '0.0' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of table.rows) ws.addRow(row.map((value, i) => cellOf(table.header[i], value)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
