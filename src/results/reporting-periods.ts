import { addDays, type CalendarDate, compareDates } from '../common/time/calendar-date';
import type { ReportingFrequency } from './result-rules';

/**
 * Reporting periods are calendar halves (`2025-H1`: January–June) or quarters (`2025-Q3`:
 * July–September), whatever day the plan starts: donors report on the calendar, so the first and last
 * periods of a plan may be partial. A year (`2025`) is a period for targets only.
 */
export type PeriodKey = string;

const PERIOD_KEY = /^(\d{4})-(H[12]|Q[1-4])$/;
const YEAR_KEY = /^\d{4}$/;

/** A report is due this many days after its period ends (reminders count from it). */
export const REPORT_DUE_DAYS = 30;

interface ParsedPeriod {
  year: number;
  frequency: ReportingFrequency;
  /** 1-based: H1/H2, Q1..Q4. */
  index: number;
}

function parse(key: PeriodKey): ParsedPeriod | null {
  const match = PERIOD_KEY.exec(key);
  if (!match) return null;
  const frequency: ReportingFrequency = match[2][0] === 'H' ? 'half_year' : 'quarter';
  return { year: Number(match[1]), frequency, index: Number(match[2][1]) };
}

function parseOrThrow(key: PeriodKey): ParsedPeriod {
  const parsed = parse(key);
  if (!parsed)
    throw new RangeError(`Not a reporting period (2025-H1, 2025-Q3): ${JSON.stringify(key)}`);
  return parsed;
}

const monthsPer = (frequency: ReportingFrequency) => (frequency === 'half_year' ? 6 : 3);
const pad = (n: number) => String(n).padStart(2, '0');

export function isPeriodKey(key: string): boolean {
  return parse(key) !== null;
}

export function isYearKey(key: string): boolean {
  return YEAR_KEY.test(key);
}

export function periodFrequency(key: PeriodKey): ReportingFrequency {
  return parseOrThrow(key).frequency;
}

/** The year a period (or a year key) is in, as `'2025'`. */
export function periodYear(key: string): string {
  if (isYearKey(key)) return key;
  return String(parseOrThrow(key).year).padStart(4, '0');
}

export function periodStartsOn(key: PeriodKey): CalendarDate {
  const { year, frequency, index } = parseOrThrow(key);
  return `${String(year).padStart(4, '0')}-${pad((index - 1) * monthsPer(frequency) + 1)}-01`;
}

export function periodEndsOn(key: PeriodKey): CalendarDate {
  const { year, frequency, index } = parseOrThrow(key);
  const nextMonth = index * monthsPer(frequency) + 1;
  const next =
    nextMonth > 12
      ? `${String(year + 1).padStart(4, '0')}-01-01`
      : `${String(year).padStart(4, '0')}-${pad(nextMonth)}-01`;
  return addDays(next, -1);
}

/** The day the report of a period is due: `days` after its last day. */
export function reportDueOn(key: PeriodKey, days = REPORT_DUE_DAYS): CalendarDate {
  return addDays(periodEndsOn(key), days);
}

/** The period of that frequency a date falls in. */
export function periodContaining(date: CalendarDate, frequency: ReportingFrequency): PeriodKey {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const index = Math.ceil(month / monthsPer(frequency));
  return `${year}-${frequency === 'half_year' ? 'H' : 'Q'}${index}`;
}

function nextPeriod(key: PeriodKey): PeriodKey {
  return periodContaining(addDays(periodEndsOn(key), 1), periodFrequency(key));
}

/** Every period of that frequency that overlaps the plan's term, in order. */
export function periodsOfPlan(
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  frequency: ReportingFrequency,
): PeriodKey[] {
  const periods: PeriodKey[] = [];
  if (compareDates(startsOn, endsOn) > 0) return periods;
  for (
    let key = periodContaining(startsOn, frequency);
    compareDates(periodStartsOn(key), endsOn) <= 0;
    key = nextPeriod(key)
  ) {
    periods.push(key);
  }
  return periods;
}

/** Whether a period overlaps the plan's term (a period of either frequency). */
export function periodOverlapsPlan(key: PeriodKey, startsOn: CalendarDate, endsOn: CalendarDate) {
  return (
    isPeriodKey(key) &&
    compareDates(periodStartsOn(key), endsOn) <= 0 &&
    compareDates(periodEndsOn(key), startsOn) >= 0
  );
}

/** A target's period: a year the plan runs in, or a period (of either frequency) overlapping it. */
export function isTargetPeriodOfPlan(key: string, startsOn: CalendarDate, endsOn: CalendarDate) {
  if (isYearKey(key)) return key >= startsOn.slice(0, 4) && key <= endsOn.slice(0, 4);
  return periodOverlapsPlan(key, startsOn, endsOn);
}

/**
 * Whether the reporting period `period` counts towards `container`: a year holds its periods, a
 * half-year holds its two quarters, and a period holds itself.
 */
export function periodWithin(period: PeriodKey, container: string): boolean {
  if (!isPeriodKey(period)) return false;
  if (isYearKey(container)) return periodYear(period) === container;
  if (!isPeriodKey(container)) return false;
  return (
    compareDates(periodStartsOn(container), periodStartsOn(period)) <= 0 &&
    compareDates(periodEndsOn(period), periodEndsOn(container)) <= 0
  );
}

/**
 * Later first: the period that ends later, then (H1 and Q2 both end on 30 June) the greater key. The
 * SQL of results-sql.ts orders the same way.
 */
export function comparePeriods(a: PeriodKey, b: PeriodKey): number {
  return compareDates(periodEndsOn(a), periodEndsOn(b)) || (a < b ? -1 : a > b ? 1 : 0);
}

export function latestPeriod(keys: readonly PeriodKey[]): PeriodKey | null {
  return keys.reduce<PeriodKey | null>(
    (latest, key) => (latest === null || comparePeriods(key, latest) > 0 ? key : latest),
    null,
  );
}
