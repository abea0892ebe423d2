import type { CalendarDate } from '../common/time/calendar-date';
import { comparePeriods, periodStartsOn, periodYear } from '../results/reporting-periods';
import type { Disaggregation, ResultMeasure } from '../results/result-rules';
import type { BreakdownItem } from '../results/value-rules';
import { breakdownColumn, breakdownColumnsOf, type BreakdownCell } from './breakdown-columns';

/**
 * The layout of the indicator values file (`values.csv`, `values.xlsx`), which the import reads back:
 * one row per indicator × reporting period × party that reports it.
 *
 * | column | |
 * |---|---|
 * | indicatorCode | key: the indicator's code in the plan |
 * | indicatorTitle, measure, unit | read only (the framework's) |
 * | period | key: reporting period (`2025-H1`, `2025-Q3`) |
 * | partyCode | key: the party reporting |
 * | targetPeriod, targetYear | read only: the target set for that period, and for its year |
 * | value | the actual (a number; a percentage 0–100; yes/no as 1/0) |
 * | `sex:female`, `sex:female\|age_group:18_59`, … | breakdown cells (breakdown-columns.ts), adding up to the value |
 * | note | free text |
 * | validated | read only: `yes` when the period is validated (its values locked) |
 * | version | the value's version when exported: a value changed since makes the import refuse the row |
 * | reason | import only: why a value of a validated period changes |
 *
 * An unchanged export imports back as a no-op.
 */
export const LEADING_COLUMNS = [
  'indicatorCode',
  'indicatorTitle',
  'measure',
  'unit',
  'period',
  'partyCode',
  'targetPeriod',
  'targetYear',
  'value',
] as const;
export const TRAILING_COLUMNS = ['note', 'validated', 'version', 'reason'] as const;
/** Columns the import does not read: they describe the framework or the period's state. */
export const READ_ONLY_COLUMNS = new Set<string>([
  'indicatorTitle',
  'measure',
  'unit',
  'targetPeriod',
  'targetYear',
  'validated',
]);

export type ValueCell = string | number;

export interface TableIndicator {
  id: string;
  code: string;
  title: string;
  measure: ResultMeasure;
  unit: string;
  responsiblePartyCode: string | null;
  disaggregations: Disaggregation[];
}

export interface TableValue {
  indicatorId: string;
  period: string;
  partyCode: string;
  value: number;
  breakdown: BreakdownItem[];
  note: string | null;
  version: number;
}

export interface ValuesTableInput {
  /** In the framework's order (objective, then indicator position). */
  indicators: TableIndicator[];
  targets: { indicatorId: string; period: string; targetValue: number }[];
  values: TableValue[];
  /** The plan's reporting periods. */
  periods: string[];
  partyCodes: string[];
  validatedPeriods: ReadonlySet<string>;
  /** Periods that start after this day are not listed (nothing can be reported for them yet). */
  today: CalendarDate;
}

/** The cell of a breakdown item (its dimensions without the value). */
export function cellOf(item: BreakdownItem): BreakdownCell {
  const { value: _value, ...cell } = item;
  return cell;
}

/** Who reports an indicator: its responsible party, or every party of the plan. */
export const reportersOf = (indicator: TableIndicator, partyCodes: readonly string[]) =>
  indicator.responsiblePartyCode ? [indicator.responsiblePartyCode] : [...partyCodes];

export function valuesTable(input: ValuesTableInput): {
  columns: string[];
  rows: Record<string, ValueCell>[];
} {
  const breakdownColumns = breakdownColumnsOf(input.values.flatMap((v) => v.breakdown.map(cellOf)));
  const columns = [...LEADING_COLUMNS, ...breakdownColumns, ...TRAILING_COLUMNS];
  const valueOf = new Map(
    input.values.map((v) => [`${v.indicatorId}|${v.period}|${v.partyCode}`, v]),
  );
  const targetOf = new Map(
    input.targets.map((t) => [`${t.indicatorId}|${t.period}`, t.targetValue]),
  );
  const started = input.periods.filter((p) => periodStartsOn(p) <= input.today);
  const rows: Record<string, ValueCell>[] = [];
  for (const indicator of input.indicators) {
    const own = input.values.filter((v) => v.indicatorId === indicator.id);
    const periods = [...new Set([...started, ...own.map((v) => v.period)])].sort(comparePeriods);
    const parties = [
      ...new Set([...reportersOf(indicator, input.partyCodes), ...own.map((v) => v.partyCode)]),
    ].sort();
    for (const period of periods) {
      for (const partyCode of parties) {
        const value = valueOf.get(`${indicator.id}|${period}|${partyCode}`);
        const row: Record<string, ValueCell> = {
          indicatorCode: indicator.code,
          indicatorTitle: indicator.title,
          measure: indicator.measure,
          unit: indicator.unit,
          period,
          partyCode,
          targetPeriod: targetOf.get(`${indicator.id}|${period}`) ?? '',
          targetYear: targetOf.get(`${indicator.id}|${periodYear(period)}`) ?? '',
          value: value?.value ?? '',
          note: value?.note ?? '',
          validated: input.validatedPeriods.has(period) ? 'yes' : '',
          version: value?.version ?? '',
          reason: '',
        };
        for (const column of breakdownColumns) row[column] = '';
        for (const item of value?.breakdown ?? []) row[breakdownColumn(cellOf(item))] = item.value;
        rows.push(row);
      }
    }
  }
  return { columns, rows };
}
