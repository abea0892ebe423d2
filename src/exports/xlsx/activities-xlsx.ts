import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type ExportRow } from '../../activities/activity-table';

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
