import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, type ExportCell } from '../../activities/activity-table';
import type { ExportCellsRow } from '../../activities/activity-export-sql';
import { PART_COLUMN_FIELDS, partColumnsFor } from '../../activities/parts/part-columns';

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection). Such text
 * is written with a leading apostrophe, the usual defence, and the import takes the apostrophe off again.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

const OPTIONS = {
  // The BOM makes Excel read the file as UTF-8 (accents in French titles); CRLF is RFC 4180.
  bom: true,
  record_delimiter: 'windows',
} as const;

const safe = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** `columns`: the activity's own (EXPORT_COLUMNS), then any part columns (part-columns.ts). */
export function activitiesToCsv(
  rows: Record<string, ExportCell>[],
  columns: readonly string[] = EXPORT_COLUMNS,
): Buffer {
  const text = stringify(
    rows.map((row) =>
      columns.map((column) => {
        const value = row[column];
        return typeof value === 'string' ? safe(value) : String(value);
      }),
    ),
    { header: true, columns: [...columns], ...OPTIONS },
  );
  return Buffer.from(text, 'utf8');
}

const NO_PART = PART_COLUMN_FIELDS.map(() => '');

/**
 * The same file from rows already in cells (activity-export-sql.ts): the activity's cells, then five
 * per party with a part on any row, parties alphabetically, empty where a party is not on the row.
 */
export function cellRowsToCsv(rows: readonly ExportCellsRow[]): string {
  const codes = new Set<string>();
  for (const row of rows) for (const code in row[row.length - 1] as object) codes.add(code);
  const partyCodes = [...codes].sort();
  const records = rows.map((row) => {
    const parts = row[row.length - 1] as Record<string, string[]>;
    const record = (row as string[]).slice(0, EXPORT_COLUMNS.length).map(safe);
    for (const code of partyCodes)
      for (const cell of parts[code] ?? NO_PART) record.push(safe(cell));
    return record;
  });
  return stringify(records, {
    header: true,
    columns: [...EXPORT_COLUMNS, ...partColumnsFor(partyCodes)],
    ...OPTIONS,
  });
}
