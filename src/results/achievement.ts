import { latestPeriod, periodWithin, type PeriodKey } from './reporting-periods';
import type { ResultMeasure } from './result-rules';

/**
 * How far an indicator got against its target: the rule donors' reports and the portfolio share. The
 * SQL of results-sql.ts implements the same rule for every plan at once; a test holds them together.
 *
 * - actual, over the values that count for a year (or a period): the sum for a `number` (people
 *   trained add up across periods and parties); for a `percentage`, the mean over the parties of the
 *   latest period reported (a rate does not add up, and the latest is the current state); for
 *   `yes_no`, the latest period's value, 1 only when every party that reported it says yes (a joint
 *   procedure is adopted when both sides have adopted it). No value reported: no actual (null).
 * - achievement % = min(100, round(actual / target × 100)), halves rounded up; a target of 0 is met
 *   (100) by any actual; null when there is no target or no actual.
 * - a plan's achievement for a year = the rounded mean over its indicators that have a target for that
 *   year, an indicator with nothing reported counting 0 (nothing reported is nothing achieved); null
 *   when none has a target.
 */
export interface ReportedValue {
  period: PeriodKey;
  partyCode: string;
  value: number;
}

export interface TargetValue {
  /** A year (`2025`) or a reporting period (`2025-H1`). */
  period: string;
  targetValue: number;
}

export interface Achievement {
  /** The year or period it is reckoned for. */
  period: string;
  target: number | null;
  actual: number | null;
  percent: number | null;
}

/** Half up, immune to binary fractions: 57.49999999999999 (23 / 40 × 100) is 57.5, so 58. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

export function actualValue(
  measure: ResultMeasure,
  values: readonly ReportedValue[],
): number | null {
  if (values.length === 0) return null;
  if (measure === 'number') return values.reduce((sum, v) => sum + v.value, 0);
  const latest = latestPeriod(values.map((v) => v.period));
  const current = values.filter((v) => v.period === latest).map((v) => v.value);
  if (measure === 'percentage') return current.reduce((sum, v) => sum + v, 0) / current.length;
  return Math.min(...current);
}

export function achievementPercent(actual: number | null, target: number | null): number | null {
  if (actual === null || target === null) return null;
  if (target === 0) return 100;
  return Math.min(100, roundHalfUp((actual * 100) / target));
}

/** An indicator's achievement for a year or a period, from all its values and targets. */
export function indicatorAchievement(
  measure: ResultMeasure,
  values: readonly ReportedValue[],
  targets: readonly TargetValue[],
  period: string,
): Achievement {
  const actual = actualValue(
    measure,
    values.filter((v) => periodWithin(v.period, period)),
  );
  const target = targets.find((t) => t.period === period)?.targetValue ?? null;
  return { period, target, actual, percent: achievementPercent(actual, target) };
}

/** The mean achievement of the indicators that have a target for the year (see above). */
export function planAchievement(indicators: readonly Achievement[]): number | null {
  const counted = indicators.filter((a) => a.target !== null);
  if (counted.length === 0) return null;
  return roundHalfUp(counted.reduce((sum, a) => sum + (a.percent ?? 0), 0) / counted.length);
}
