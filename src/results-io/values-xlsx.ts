import { onFirstUse } from '../common/modules/on-first-use';

const excel = onFirstUse(() => require('exceljs') as typeof import('exceljs'));
import type { ValueCell } from './values-table';

const WIDTHS: Partial<Record<string, number>> = {
  indicatorCode: 14,
  indicatorTitle: 50,
  note: 40,
  reason: 30,
};

/**
 * The values table as a workbook: one sheet, header frozen and filtered. Numbers are number cells; text
 * is written as text (exceljs never turns a string into a formula), so no formula escaping is needed.
 */
export async function valuesToXlsx(
  rows: Record<string, ValueCell>[],
  columns: readonly string[],
  planTitle: string,
): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Accords';
  workbook.title = planTitle;
  const sheet = workbook.addWorksheet('Values', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((key) => ({ header: key, key, width: WIDTHS[key] ?? 14 }));
  for (const row of rows) sheet.addRow(row);
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
