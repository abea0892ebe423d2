import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ImportRejected, type RowError } from '../activities/import/import-errors';
import { flattenValidationErrors } from '../common/errors/validation';
import { PutResultValueDto } from '../results/dto/result-value.dto';
import { limitMessages, MAX_FIELD_LENGTH } from '../activities/import/import-limits';
import { isUnreadable, type RawCell, type RawTable } from '../activities/import/raw-table';
import {
  canonical,
  changeNeedsReason,
  reportedValueProblems,
  sameReport,
  type BreakdownItem,
} from '../results/value-rules';
import { parseBreakdownColumn, type BreakdownCell } from './breakdown-columns';
import {
  LEADING_COLUMNS,
  READ_ONLY_COLUMNS,
  TRAILING_COLUMNS,
  type TableIndicator,
  type TableValue,
} from './values-table';

const KNOWN = new Set<string>([...LEADING_COLUMNS, ...TRAILING_COLUMNS]);
const REQUIRED = ['indicatorCode', 'period', 'partyCode', 'value'];

/** A row of the values file as written, before validation (spreadsheet row number: header = 1). */
export interface ValueRow {
  row: number;
  cells: Record<string, RawCell>;
  breakdown: { column: string; cell: BreakdownCell; raw: RawCell }[];
}

type Column =
  { kind: 'known'; name: string } | { kind: 'breakdown'; name: string; cell: BreakdownCell };

/**
 * The header (names as the export writes them; case, spaces and breakdown columns' spacing forgiven)
 * and the non-blank rows. An unknown header refuses the file before any row is read.
 */
export function readValueRows(table: RawTable): ValueRow[] {
  const header = table[0];
  if (!header) throw ImportRejected.file('the file is empty');
  const byLower = new Map([...KNOWN].map((c) => [c.toLowerCase(), c]));
  const columns: (Column | null)[] = header.map((cell, index) => {
    const text = typeof cell === 'string' ? cell.trim() : cell === null ? '' : String(cell);
    if (text === '') return null;
    const known = byLower.get(text.toLowerCase().replace(/\s+/g, ''));
    if (known) return { kind: 'known', name: known };
    const cellOf = parseBreakdownColumn(text);
    if (cellOf) return { kind: 'breakdown', name: text, cell: cellOf };
    throw new ImportRejected([
      {
        row: 1,
        field: `column ${index + 1}`,
        message: `"${text.slice(0, 80)}" is neither a column of the values file nor a breakdown column such as sex:female|age_group:18_59`,
      },
    ]);
  });
  const named = columns.flatMap((c) => (c?.kind === 'known' ? [c.name] : []));
  const missing = REQUIRED.filter((c) => !named.includes(c));
  const twice = named.filter((c, i) => named.indexOf(c) !== i);
  if (missing.length > 0 || twice.length > 0) {
    throw new ImportRejected([
      ...missing.map((c) => ({ row: 1, field: c, message: 'the header has no such column' })),
      ...twice.map((c) => ({ row: 1, field: c, message: 'appears twice in the header' })),
    ]);
  }
  const rows: ValueRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i];
    if (cells.every(isBlank)) continue;
    const row: ValueRow = { row: i + 1, cells: {}, breakdown: [] };
    cells.forEach((cell, index) => {
      const column = columns[index];
      if (!column) {
        if (!isBlank(cell)) row.cells[`column ${index + 1}`] = cell;
        return;
      }
      if (column.kind === 'breakdown') {
        if (!isBlank(cell))
          row.breakdown.push({ column: column.name, cell: column.cell, raw: cell });
        return;
      }
      if (!READ_ONLY_COLUMNS.has(column.name)) row.cells[column.name] = cell;
    });
    rows.push(row);
  }
  return rows;
}

const isBlank = (cell: RawCell) =>
  cell === null || (typeof cell === 'string' && cell.trim() === '');

/** What the import knows of the plan when it checks the rows. */
export interface ValueRowsContext {
  /** By code. */
  indicators: ReadonlyMap<string, TableIndicator>;
  periods: readonly string[];
  partyCodes: readonly string[];
  /** Stored values by `${indicatorId}|${period}|${partyCode}`. */
  existing: ReadonlyMap<string, TableValue>;
  validatedPeriods: ReadonlySet<string>;
  /** Whether the importer may report this party's values (results' canReportResults). */
  mayReport: (partyCode: string) => boolean;
}

/** A change the import makes: as a PUT of the values API would. */
export interface ValueChange {
  row: number;
  indicatorId: string;
  period: string;
  partyCode: string;
  value: number;
  breakdown: BreakdownItem[];
  note: string | null;
  reason: string | null;
  /** The version the file was based on: the stored one when the row left `version` blank. */
  expectedVersion: number;
}

export interface CheckedRows {
  changes: ValueChange[];
  unchanged: number;
  /** Rows reporting nothing (no value, no note, no breakdown). */
  blank: number;
  errors: RowError[];
  /** Rows that would change a value of a party the importer does not report for. */
  forbidden: RowError[];
}

/**
 * Checks every row as the values API checks a PUT (known indicator, a reporting period and party of the
 * plan, the measure's range, a breakdown along the indicator's dimensions adding up to the value, a reason
 * when the period is validated, the version the file was exported at), and sorts them into changes and
 * rows that change nothing. Rows of other parties pass when they change nothing, so that a focal point
 * can import back a whole export.
 */
export function checkValueRows(rows: readonly ValueRow[], ctx: ValueRowsContext): CheckedRows {
  const out: CheckedRows = { changes: [], unchanged: 0, blank: 0, errors: [], forbidden: [] };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const errors: RowError[] = [];
    const fail = (field: string, message: string) => errors.push({ row: row.row, field, message });
    for (const [name, cell] of Object.entries(row.cells)) {
      if (name.startsWith('column ')) fail(name, 'has a value but no header');
      else if (isUnreadable(cell)) fail(name, cell.unreadable);
      else if (typeof cell === 'string' && cell.length > MAX_FIELD_LENGTH)
        fail(name, limitMessages.field());
      else if (typeof cell === 'string' && cell.includes('\u0000'))
        fail(name, 'contains a NUL character');
    }
    if (errors.length > 0) {
      out.errors.push(...errors);
      continue;
    }
    const code = text(row.cells.indicatorCode);
    const period = text(row.cells.period).toUpperCase();
    const partyCode = text(row.cells.partyCode).toUpperCase();
    const note = text(row.cells.note) || null;
    const reason = text(row.cells.reason) || null;
    const rawValue = row.cells.value ?? null;
    if (isBlank(rawValue) && row.breakdown.length === 0 && note === null) {
      out.blank++;
      continue;
    }
    const indicator = ctx.indicators.get(code);
    if (!code) fail('indicatorCode', 'is required');
    else if (!indicator)
      fail('indicatorCode', `"${code.slice(0, 40)}" is not an indicator of this plan`);
    if (!ctx.periods.includes(period)) {
      fail('period', `is not a reporting period of this plan (${ctx.periods.join(', ')})`);
    }
    if (!ctx.partyCodes.includes(partyCode)) {
      fail('partyCode', `is not a party of this plan (${ctx.partyCodes.join(', ')})`);
    }
    const value = isBlank(rawValue) ? null : numberCell(rawValue, indicator?.measure === 'yes_no');
    if (isBlank(rawValue)) fail('value', 'is required when the row reports a note or a breakdown');
    else if (value !== null && tooPrecise(value)) fail('value', FOUR_DECIMALS);
    else if (value === null)
      fail(
        'value',
        indicator?.measure === 'yes_no' ? 'must be 1 (yes) or 0 (no)' : 'must be a number',
      );
    const breakdown: BreakdownItem[] = [];
    for (const item of row.breakdown) {
      const n = numberCell(item.raw, false);
      if (isUnreadable(item.raw)) fail(item.column, item.raw.unreadable);
      else if (n === null) fail(item.column, 'must be a number');
      else if (tooPrecise(n)) fail(item.column, FOUR_DECIMALS);
      else breakdown.push(canonical({ ...item.cell, value: n }));
    }
    const versionCell = row.cells.version ?? null;
    const version = isBlank(versionCell) ? null : numberCell(versionCell, false);
    if (version !== null && !Number.isInteger(version)) fail('version', 'must be a whole number');
    else if (!isBlank(versionCell) && version === null) fail('version', 'must be a whole number');
    if (errors.length > 0 || !indicator || value === null) {
      out.errors.push(...errors);
      continue;
    }
    // The API's own body validation (ranges, decimals, lengths, breakdown category values).
    const dto = plainToInstance(PutResultValueDto, {
      indicatorId: indicator.id,
      period,
      partyCode,
      value,
      breakdown,
      note,
      ...(reason !== null && { reason }),
      ...(version !== null && version > 0 && { version }),
    });
    for (const problem of flattenValidationErrors(validateSync(dto))) {
      const item = /^breakdown\.(\d+)/.exec(problem.field);
      fail(
        item ? (row.breakdown[Number(item[1])]?.column ?? 'breakdown') : problem.field,
        problem.message,
      );
    }
    if (errors.length > 0) {
      out.errors.push(...errors);
      continue;
    }
    for (const problem of reportedValueProblems(indicator, value, breakdown)) {
      fail(problem.field === 'breakdown' ? breakdownField(row) : problem.field, problem.message);
    }
    const key = `${indicator.id}|${period}|${partyCode}`;
    const first = seen.get(key);
    if (first !== undefined)
      fail('indicatorCode', `the same indicator, period and party as row ${first}`);
    seen.set(key, row.row);
    const stored = ctx.existing.get(key);
    if (version !== null && version !== (stored?.version ?? 0)) {
      fail(
        'version',
        stored
          ? `the value was changed since the file was exported (now version ${stored.version}); export it again`
          : `no value is stored for this row (version ${version} was given); export it again`,
      );
    }
    if (errors.length > 0) {
      out.errors.push(...errors);
      continue;
    }
    const next = { value, breakdown, note };
    if (stored && sameReport(stored, next)) {
      out.unchanged++;
      continue;
    }
    if (!ctx.mayReport(partyCode)) {
      out.forbidden.push({
        row: row.row,
        field: 'partyCode',
        message: `only the focal point of ${partyCode} (or a programme manager) reports ${partyCode}'s values`,
      });
      continue;
    }
    if (changeNeedsReason(ctx.validatedPeriods.has(period), reason)) {
      out.errors.push({
        row: row.row,
        field: 'reason',
        message: `the period ${period} is validated: say why the value changes`,
      });
      continue;
    }
    out.changes.push({
      row: row.row,
      indicatorId: indicator.id,
      period,
      partyCode,
      ...next,
      reason,
      expectedVersion: stored?.version ?? 0,
    });
  }
  return out;
}

const FOUR_DECIMALS = 'has more than four decimals (values are kept to four)';
const tooPrecise = (n: number) => Number(n.toFixed(4)) !== n;

/** The breakdown's problem is named by its first column (or `breakdown` when it has none). */
const breakdownField = (row: ValueRow) => row.breakdown[0]?.column ?? 'breakdown';

function text(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined || isUnreadable(cell)) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const YES = new Set(['yes', 'oui', 'true', 'نعم', 'y', 'o']);
const NO = new Set(['no', 'non', 'false', 'لا', 'n']);

/**
 * A number as a person writes it: `12`, `12.5`, `12,5` (French decimal comma), spaces as thousands
 * separators; for yes/no also yes/no, oui/non, نعم/لا, true/false. Null when it is none of these.
 */
export function numberCell(cell: RawCell, yesNo: boolean): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'boolean') return yesNo ? (cell ? 1 : 0) : null;
  if (typeof cell !== 'string') return null;
  const t = cell.trim().toLowerCase();
  if (yesNo && YES.has(t)) return 1;
  if (yesNo && NO.has(t)) return 0;
  const normal = t.replace(/[\s\u00a0\u202f]/g, '').replace(/^(\d+),(\d+)$/, '$1.$2');
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}
