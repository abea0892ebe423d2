import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, type ExportCell } from '../../activities/activity-table';

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection). Such text
 * is written with a leading apostrophe, the usual defence, and the import takes the apostrophe off again.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** `columns`: the activity's own (EXPORT_COLUMNS), then any part columns (part-columns.ts). */
export function activitiesToCsv(
  rows: Record<string, ExportCell>[],
  columns: readonly string[] = EXPORT_COLUMNS,
): Buffer {
  const text = stringify(
    rows.map((row) =>
      columns.map((column) => {
        const value = row[column];
        if (typeof value !== 'string') return String(value);
        return FORMULA_START.test(value) ? `'${value}` : value;
      }),
    ),
    {
      header: true,
      columns: [...columns],
      // The BOM makes Excel read the file as UTF-8 (accents in French titles); CRLF is RFC 4180.
      bom: true,
      record_delimiter: 'windows',
    },
  );
  return Buffer.from(text, 'utf8');
}
