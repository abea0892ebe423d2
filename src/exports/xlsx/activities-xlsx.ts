import ExcelJS from 'exceljs';
import { DATE_COLUMNS, EXPORT_COLUMNS, type ExportRow } from '../../activities/activity-table';

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
 * Dates are real date cells (sortable, filterable, usable in formulas) shown as YYYY-MM-DD. A calendar
 * date has no time zone: it is written as that day's UTC midnight, which exceljs stores as a whole serial
 * day number, the same day whatever the reader's zone; the import reads a date cell back as that day.
 */
export async function activitiesToXlsx(rows: ExportRow[], planTitle: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Accords';
  workbook.title = planTitle;
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ header: key, key, width: WIDTHS[key] ?? 16 }));
  for (const column of DATE_COLUMNS) sheet.getColumn(column).numFmt = DATE_FORMAT;
  for (const row of rows) sheet.addRow(withDateCells(row));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const DATE_FORMAT = 'yyyy-mm-dd';

/** YYYY-MM-DD text in the date columns becomes a date cell; an empty cell stays empty. */
function withDateCells(row: ExportRow): Record<string, ExportRow[keyof ExportRow] | Date> {
  const cells: Record<string, ExportRow[keyof ExportRow] | Date> = { ...row };
  for (const column of DATE_COLUMNS) {
    const value = row[column];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      cells[column] = new Date(`${value}T00:00:00Z`);
    }
  }
  return cells;
}
