/**
 * A breakdown cell as a column of the values file: `sex:female|age_group:18_59` holds the part of the
 * value for women aged 18–59. Dimensions are written in the framework's fixed order (sex, age_group,
 * nationality), each `dimension:value`, joined by `|`. Category values are free text: a `%` or `|` in
 * one is written `%25` or `%7C`, so that every header reads back to the same cell.
 */
import type { Disaggregation } from '../results/result-rules';

/** The framework's dimensions, in the order headers list them (results/result-rules.ts). */
export const DIMENSION_ORDER: readonly Disaggregation[] = ['sex', 'age_group', 'nationality'];

export type BreakdownCell = Partial<Record<Disaggregation, string>>;

const encode = (value: string) => value.replace(/%/g, '%25').replace(/\|/g, '%7C');
const decode = (value: string) => value.replace(/%7C/gi, '|').replace(/%25/g, '%');

export function breakdownColumn(cell: BreakdownCell): string {
  return DIMENSION_ORDER.filter((d) => cell[d] !== undefined)
    .map((d) => `${d}:${encode(String(cell[d]))}`)
    .join('|');
}

/**
 * The cell a header names, or null when the header is not a breakdown column. Dimensions must be known,
 * each once, in the fixed order, each with a value: anything else is another column (or a mistake the
 * import names).
 */
export function parseBreakdownColumn(header: string): BreakdownCell | null {
  const parts = header.split('|');
  const cell: BreakdownCell = {};
  let last = -1;
  for (const part of parts) {
    const colon = part.indexOf(':');
    if (colon < 1) return null;
    const dimension = part.slice(0, colon).trim() as Disaggregation;
    const value = decode(part.slice(colon + 1).trim());
    const order = DIMENSION_ORDER.indexOf(dimension);
    if (order <= last || value === '') return null;
    last = order;
    cell[dimension] = value;
  }
  return cell;
}

/** The dimensions of a cell, in order (`sex,age_group`): every item of one breakdown shares them. */
export const dimensionsOf = (cell: BreakdownCell) =>
  DIMENSION_ORDER.filter((d) => cell[d] !== undefined).join(',');

/**
 * The columns an export writes: one per cell that some value of the plan reports, grouped by their
 * dimensions (in the fixed order) and sorted by value within a group, so that the same data always
 * gives the same layout.
 */
export function breakdownColumnsOf(cells: readonly BreakdownCell[]): string[] {
  const byName = new Map<string, string>();
  for (const cell of cells) {
    const group = DIMENSION_ORDER.flatMap((d, i) => (cell[d] === undefined ? [] : [i])).join(',');
    byName.set(breakdownColumn(cell), group);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byName.entries()]
    .sort(([a, ga], [b, gb]) => order(ga, gb) || order(a, b))
    .map(([name]) => name);
}
