import type { FieldError } from '../common/errors/domain-errors';
import { DISAGGREGATIONS, type Disaggregation, type ResultMeasure } from './result-rules';

/** One cell of a disaggregated value: `{ sex: 'female', age_group: '18_59', value: 12 }`. */
export type BreakdownItem = Partial<Record<Disaggregation, string>> & { value: number };

/** Values and breakdowns are stored with four decimals: compared in ten-thousandths. */
const units = (n: number) => Math.round(n * 10_000);

function valueProblem(measure: ResultMeasure, value: number): string | null {
  if (measure === 'percentage' && (value < 0 || value > 100)) {
    return 'must be a percentage from 0 to 100';
  }
  if (measure === 'yes_no' && value !== 0 && value !== 1) return 'must be 1 (yes) or 0 (no)';
  if (value < 0) return 'must not be negative';
  return null;
}

function breakdownProblem(
  indicator: { measure: ResultMeasure; disaggregations: readonly string[] },
  value: number,
  breakdown: readonly BreakdownItem[],
): string | null {
  if (breakdown.length === 0) return null;
  if (indicator.measure !== 'number') {
    return 'is only for number indicators (a breakdown adds up to the value)';
  }
  if (indicator.disaggregations.length === 0) return 'is not configured for this indicator';
  const allowed = indicator.disaggregations.join(', ');
  const dimensionsOf = (item: BreakdownItem) =>
    Object.keys(item)
      .filter((key) => key !== 'value' && item[key as Disaggregation] !== undefined)
      .sort();
  const first = dimensionsOf(breakdown[0]).join(',');
  const seen = new Set<string>();
  for (const item of breakdown) {
    const dimensions = dimensionsOf(item);
    if (dimensions.length === 0) return `each item needs at least one dimension (${allowed})`;
    const unknown = dimensions.find((d) => !indicator.disaggregations.includes(d));
    if (unknown) return `${unknown} is not a disaggregation of this indicator (${allowed})`;
    if (dimensions.join(',') !== first) return 'every item must use the same dimensions';
    const cell = dimensions.map((d) => `${d}=${item[d as Disaggregation]}`).join('&');
    if (seen.has(cell)) return `${cell} appears twice`;
    seen.add(cell);
  }
  const sum = breakdown.reduce((total, item) => total + units(item.value), 0);
  if (sum !== units(value)) {
    return `adds up to ${sum / 10_000}, not to the value ${value}`;
  }
  return null;
}

/**
 * What is wrong with a reported value for this indicator, by field: the range its measure allows, and
 * a breakdown along its configured dimensions only, one row per combination, adding up to the value.
 */
export function reportedValueProblems(
  indicator: { measure: ResultMeasure; disaggregations: readonly string[] },
  value: number,
  breakdown: readonly BreakdownItem[],
): FieldError[] {
  const problems: FieldError[] = [];
  const onValue = valueProblem(indicator.measure, value);
  if (onValue) problems.push({ field: 'value', message: onValue, code: 'value_out_of_range' });
  const onBreakdown = breakdownProblem(indicator, value, breakdown);
  if (onBreakdown) {
    problems.push({ field: 'breakdown', message: onBreakdown, code: 'breakdown_mismatch' });
  }
  return problems;
}

/** A disaggregation list is a set of known dimensions, and only number indicators have one. */
export function disaggregationsProblem(
  measure: ResultMeasure,
  disaggregations: readonly string[],
): string | null {
  if (disaggregations.some((d) => !(DISAGGREGATIONS as readonly string[]).includes(d))) {
    return `each must be one of ${DISAGGREGATIONS.join(', ')}`;
  }
  if (disaggregations.length > 0 && measure !== 'number') {
    return 'only number indicators are disaggregated (a breakdown adds up to the value)';
  }
  return null;
}

/** A change to a value of a validated period needs a reason (not only blanks). */
export function changeNeedsReason(periodValidated: boolean, reason: string | null | undefined) {
  return periodValidated && !reason?.trim();
}

/** Same number, breakdown and note: re-sending what is stored changes nothing and leaves no history. */
export function sameReport(
  a: { value: number; breakdown: readonly BreakdownItem[]; note: string | null },
  b: { value: number; breakdown: readonly BreakdownItem[]; note: string | null },
): boolean {
  return (
    units(a.value) === units(b.value) &&
    (a.note ?? null) === (b.note ?? null) &&
    JSON.stringify(a.breakdown.map(canonical)) === JSON.stringify(b.breakdown.map(canonical))
  );
}

/** Keys in a fixed order, so that two equal breakdowns serialise alike. */
export function canonical(item: BreakdownItem): BreakdownItem {
  const out: Record<string, string | number> = {};
  for (const d of DISAGGREGATIONS) if (item[d] !== undefined) out[d] = item[d];
  out.value = item.value;
  return out as BreakdownItem;
}
