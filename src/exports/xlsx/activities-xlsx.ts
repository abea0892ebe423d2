import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportRow } from '../activity-table';
import { ImportRejected } from '../import/import-errors';
import type { RawCell, RawTable } from '../import/raw-table';

const SHEET_NAME = 'Activities';
const WIDTHS: Partial<Record<(typeof EXPORT_COLUMNS)[number], number>> = {
  title: 60,
  description: 60,
  notes: 40,
  themes: 30,
  partyCodes: 18,
  id: 38,
};

/**
 * Dates are written as YYYY-MM-DD text, not Excel dates: a calendar date has no time zone, and an Excel
 * date read back through exceljs is an instant that a careless reader shifts by a day. The import still
 * accepts real date cells, for people who retype a date in Excel.
 */
export async function activitiesToXlsx(rows: ExportRow[], planTitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Accords';
  workbook.title = planTitle;
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ header: key, key, width: WIDTHS[key] ?? 16 }));
  for (const row of rows) sheet.addRow(row);
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The first worksheet as rows of plain cells (rich text, links and formula results flattened). */
export async function parseXlsxTable(body: Buffer): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer (JSZip takes either); a copy gives it exactly that.
    await workbook.xlsx.load(new Uint8Array(body).buffer);
  } catch {
    throw ImportRejected.file('the file is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw ImportRejected.file('the workbook has no worksheet');
  const width = sheet.columnCount;
  const table: RawTable = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: RawCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(plainCell(row.getCell(c).value));
    table.push(cells);
  }
  return table;
}

function plainCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? text : plainCell(text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  return null;
}
