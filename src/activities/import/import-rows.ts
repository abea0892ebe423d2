import {
  DATE_COLUMNS,
  EXPORT_COLUMNS,
  FREE_TEXT_COLUMNS,
  IMPORT_COLUMNS,
  KEY_COLUMNS,
  LIST_COLUMNS,
  LIST_SEPARATOR,
  type ImportColumn,
} from '../activity-table';
import { isPartColumn } from '../parts/part-columns';
import { ImportRejected, type RowError } from './import-errors';
import { limitMessages, MAX_FIELD_LENGTH, MAX_IMPORT_ROWS } from './import-limits';
import { ImportTooLarge } from './import-too-large';
import { isUnreadable, type RawCell, type RawTable } from './raw-table';

/** An activity row as the file gave it, before validation: field name → value, empty cells left out. */
export interface ImportRow {
  /** Spreadsheet row number (header = 1). */
  row: number;
  values: Partial<Record<ImportColumn, string | number | string[]>>;
  /** The `id` cell, as written: the activity this row updates. Absent: the row creates one. */
  id?: string;
  /** The `version` cell (a number unless the file holds something else), checked on update. */
  version?: string | number;
}

type KeyColumn = (typeof KEY_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly ImportColumn[] = ['title', 'type', 'leadPartyCode', 'dueOn'];

/**
 * Maps the header (case and spaces ignored) to the known columns and turns each non-empty row into
 * values the CreateActivityDto can validate. Header problems reject the file before any row is read.
 */
export function readImportRows(table: RawTable): ImportRow[] {
  const header = table[0];
  if (!header) throw ImportRejected.file('the file is empty');
  const columns = mapHeader(header);
  const rows: ImportRow[] = [];
  const strays: RowError[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i];
    if (cells.every(isBlank)) continue;
    const values: ImportRow['values'] = {};
    const keys: Pick<ImportRow, KeyColumn> = {};
    cells.forEach((cell, index) => {
      const column = columns[index] ?? UNNAMED;
      if (column === UNNAMED) {
        if (!isBlank(cell)) {
          strays.push({
            row: i + 1,
            field: `column ${index + 1}`,
            message: 'has a value but no header',
          });
        }
        return;
      }
      if (column === READ_ONLY) return;
      if (isUnreadable(cell)) {
        strays.push({ row: i + 1, field: column, message: cell.unreadable });
        return;
      }
      if (typeof cell === 'string' && cell.length > MAX_FIELD_LENGTH) {
        strays.push({ row: i + 1, field: column, message: limitMessages.field() });
        return;
      }
      // PostgreSQL text cannot hold U+0000; refuse it here rather than fail at insert.
      if (typeof cell === 'string' && cell.includes('\u0000')) {
        strays.push({ row: i + 1, field: column, message: 'contains a NUL character' });
        return;
      }
      if (isKeyColumn(column)) {
        if (!isBlank(cell)) Object.assign(keys, { [column]: keyValue(column, cell) });
        return;
      }
      const value = toValue(column, cell);
      if (value !== undefined) values[column] = value;
    });
    rows.push({ row: i + 1, values, ...keys });
  }
  if (strays.length > 0) throw new ImportRejected(strays);
  if (rows.length === 0) throw ImportRejected.file('the file has a header but no activity rows');
  // The readers stop at the first row past the limit; this keeps the rule true for any table.
  if (rows.length > MAX_IMPORT_ROWS) {
    const last = rows[rows.length - 1].row;
    throw new ImportTooLarge(limitMessages.rows(last), last);
  }
  return rows;
}

const READ_ONLY = Symbol('read-only column');
const UNNAMED = Symbol('column without a header');
type HeaderSlot = ImportColumn | KeyColumn | typeof READ_ONLY | typeof UNNAMED;

function isKeyColumn(slot: HeaderSlot): slot is KeyColumn {
  return (KEY_COLUMNS as readonly unknown[]).includes(slot);
}

/** An id is text; a version is a number, or the text as written so that validation names it. */
function keyValue(column: KeyColumn, cell: Exclude<RawCell, { unreadable: string }>) {
  const text = cell instanceof Date ? cell.toISOString() : String(cell).trim();
  if (column === 'id') return text;
  return /^\d{1,10}$/.test(text) ? Number(text) : text;
}

/**
 * Each header cell's import column; `id` and `version` are kept as the row's keys, `overdue` is skipped,
 * and columns without a header (trailing empty cells that spreadsheets keep) are tolerated as long as
 * they stay empty.
 */
function mapHeader(header: RawCell[]): HeaderSlot[] {
  const byName = new Map<string, string>(EXPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const columns = header.map((cell, index) => {
    if (isUnreadable(cell)) {
      errors.push({ row: 1, field: `column ${index + 1}`, message: cell.unreadable });
      return UNNAMED;
    }
    const name = String(cell ?? '').trim();
    if (name === '') return UNNAMED;
    // Each party's part, as exported: information, not read back (part-columns.ts).
    if (isPartColumn(name)) return READ_ONLY;
    const column = byName.get(name.toLowerCase());
    if (!column) {
      errors.push({ row: 1, field: name, message: `unknown column (column ${index + 1})` });
      return UNNAMED;
    }
    if (seen.has(column)) errors.push({ row: 1, field: column, message: 'appears twice' });
    seen.add(column);
    if ((KEY_COLUMNS as readonly string[]).includes(column)) return column as KeyColumn;
    return (IMPORT_COLUMNS as readonly string[]).includes(column)
      ? (column as ImportColumn)
      : READ_ONLY;
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) errors.push({ row: 1, field: required, message: 'column is missing' });
  }
  if (errors.length > 0) throw new ImportRejected(errors);
  return columns;
}

function isBlank(cell: RawCell): boolean {
  if (isUnreadable(cell)) return false;
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** undefined for an empty cell: the field is then absent, as in a JSON body that leaves it out. */
function toValue(
  column: ImportColumn,
  cell: Exclude<RawCell, { unreadable: string }>,
): string | number | string[] | undefined {
  if (isBlank(cell)) return undefined;
  if (cell instanceof Date) {
    // exceljs reads a date cell as midnight UTC of that day.
    return DATE_COLUMNS.includes(column) ? cell.toISOString().slice(0, 10) : cell.toISOString();
  }
  if (column === 'progressPercent') {
    if (typeof cell === 'number') return cell;
    const text = String(cell).trim();
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  const text = String(cell);
  if (LIST_COLUMNS.includes(column)) {
    return text
      .split(LIST_SEPARATOR)
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
  // Free text is kept as written; codes, enums and dates lose stray spaces.
  return FREE_TEXT_COLUMNS.includes(column) ? text : text.trim();
}
