// The results framework as the page reads it: reporting periods in words, the disaggregation
// dimensions and their categories, numbers in the reader's language, and the framework answer of the
// API (`GET /api/action-plans/:planId/results`) indexed for drawing. No DOM here.
import { session } from './api.js';
import { LOCALE, M, fmtPercent, t } from './format.js';

/** The dimensions an indicator may be broken down by, with their categories (null: a free code). */
export const DIMENSIONS = ['sex', 'age_group', 'nationality'];
export const CATEGORIES = {
  sex: ['female', 'male'],
  age_group: ['0_17', '18_59', '60_plus'],
  nationality: null,
};
export const MEASURES = ['number', 'percentage', 'yes_no'];

const decimals = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** A reported or target figure as the indicator's measure reads: 12, 45 %, yes / no. */
export function fmtValue(value, measure) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (measure === 'yes_no') return n >= 1 ? M.resYes : M.resNo;
  if (measure === 'percentage') return fmtPercent(n);
  return decimals.format(n);
}

/** `2025-H1` → "1st half 2025", `2025-Q3` → "Q3 2025", `2025` → "2025". */
export function periodLabel(key) {
  const match = /^(\d{4})-(H|Q)(\d)$/.exec(String(key));
  if (!match) return String(key);
  const [, year, kind, n] = match;
  return t(kind === 'H' ? 'resHalf' : 'resQuarter', { n: M.resOrdinals[n] || n, year });
}

export const yearOf = (period) => String(period).slice(0, 4);

export const dimensionName = (d) => M.resDimensions[d] || d;
export const categoryName = (d, c) => (M.resCategories[d] && M.resCategories[d][c]) || c;

/** Sum of breakdown rows' values, to the cent (floating point never shows "19.999999"). */
export function breakdownSum(rows) {
  return Math.round(rows.reduce((sum, r) => sum + (Number(r.value) || 0), 0) * 100) / 100;
}

export const isManager = (user = session.user) =>
  Boolean(user && (user.role === 'admin' || user.role === 'programme_manager'));

/** Whom the reader may report for: a focal point their own party, a manager every party. */
export function mayReport(partyCode, user = session.user) {
  if (isManager(user)) return true;
  return Boolean(user && user.role === 'focal_point' && user.partyCode === partyCode);
}

/**
 * The framework answer, indexed: objectives in order, each with its indicators; per indicator its
 * values by `period|party`, its targets and its achievements (the year asked and each target); the
 * reporting periods with their validation, and the validated ones by period.
 */
export function indexFramework(answer) {
  const objectives = [...(answer.objectives || [])].sort(byPosition);
  const indicators = [...(answer.indicators || [])].sort(byPosition);
  const values = answer.values || [];
  const periods = (answer.periods || []).map((p) => ({
    key: p.period,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    dueOn: p.reportDueOn,
    validation: p.validation || null,
  }));
  const validations = new Map(
    periods.filter((p) => p.validation).map((p) => [p.key, p.validation]),
  );
  const items = indicators.map((indicator) => ({
    ...indicator,
    disaggregations: indicator.disaggregations || [],
    targets: indicator.targets || [],
    values: new Map(
      values
        .filter((v) => v.indicatorId === indicator.id)
        .map((v) => [`${v.period}|${v.partyCode}`, v]),
    ),
    achievement: achievementList(indicator.achievement),
  }));
  return {
    year: answer.year,
    currentPeriod: answer.currentPeriod || null,
    objectives: objectives.map((o) => ({
      ...o,
      indicators: items.filter((i) => i.objectiveId === o.id),
    })),
    indicators: items,
    periods,
    validations,
  };
}

const byPosition = (a, b) =>
  (a.position ?? 0) - (b.position ?? 0) || String(a.code).localeCompare(String(b.code));

/** `{ year, byTarget }` of the API → one list of `{ period, target, actual, percent }`. */
function achievementList(achievement) {
  if (!achievement) return [];
  const list = [...(achievement.byTarget || [])];
  const year = achievement.year;
  if (year && !list.some((a) => a.period === year.period)) list.push(year);
  return list;
}

/** The target of a period or year, or null. */
export function targetFor(indicator, period) {
  const row = indicator.targets.find((x) => String(x.period) === String(period));
  return row ? (row.targetValue ?? row.value ?? null) : null;
}

/** The achievement of a year, or null when the indicator has no target for it. */
export function achievementFor(indicator, year) {
  return indicator.achievement.find((a) => String(a.period) === String(year)) || null;
}

/** The years the plan's periods fall in, in order. */
export const yearsOf = (periods) => [...new Set(periods.map((p) => yearOf(p.key)))].sort();

/** Last day of a reporting period (`2025-H1` → `2025-06-30`, `2025-Q3` → `2025-09-30`), or null. */
export function periodEndsOn(key) {
  const match = /^(\d{4})-(H|Q)(\d)$/.exec(String(key));
  if (!match) return null;
  const month = match[2] === 'H' ? Number(match[3]) * 6 : Number(match[3]) * 3;
  return new Date(Date.UTC(Number(match[1]), month, 0)).toISOString().slice(0, 10);
}

/**
 * The year whose targets the dashboard measures against: that of the latest period already over on
 * `today` (on 20 January 2026 the last report in is the second half of 2025, so 2025), else today's.
 */
export function reportingYear(periods, today) {
  const over = periods
    .map((p) => ({ key: p.key, end: p.endsOn || periodEndsOn(p.key) }))
    .filter((p) => p.end && p.end < today)
    .sort((a, b) => (a.end < b.end ? -1 : 1));
  return over.length ? yearOf(over.at(-1).key) : yearOf(today);
}

/** Whether a period has begun (reports are for periods under way or over), from the plan's today. */
export const periodBegun = (framework, key) =>
  !framework.currentPeriod || String(key) <= String(framework.currentPeriod);
