import { onFirstUse } from '../../common/modules/on-first-use';

const excel = onFirstUse(() => require('exceljs') as typeof import('exceljs'));
import { DATE_COLUMNS, EXPORT_COLUMNS, type ExportCell } from '../../activities/activity-table';
import { isPartColumn } from '../../activities/parts/part-columns';

const SHEET_NAME = 'Activities';
const WIDTHS: Partial<Record<string, number>> = {
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
export async function activitiesToXlsx(
  rows: Record<string, ExportCell>[],
  planTitle: string,
  columns: readonly string[] = EXPORT_COLUMNS,
): Promise<Buffer> {
  const dateColumns = [
    ...DATE_COLUMNS,
    ...columns.filter((c) => isPartColumn(c) && c.endsWith('_completedOn')),
  ];
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Accords';
  workbook.title = planTitle;
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((key) => ({
    header: key,
    key,
    width: WIDTHS[key] ?? (key.endsWith('_note') ? 40 : 16),
  }));
  for (const column of dateColumns) sheet.getColumn(column).numFmt = DATE_FORMAT;
  for (const row of rows) sheet.addRow(withDateCells(row, dateColumns));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const DATE_FORMAT = 'yyyy-mm-dd';

/** YYYY-MM-DD text in the date columns becomes a date cell; an empty cell stays empty. */
function withDateCells(
  row: Record<string, ExportCell>,
  dateColumns: readonly string[],
): Record<string, ExportCell | Date> {
  const cells: Record<string, ExportCell | Date> = { ...row };
  for (const column of dateColumns) {
    const value = row[column];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      cells[column] = new Date(`${value}T00:00:00Z`);
    }
  }
  return cells;
}
