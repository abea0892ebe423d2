import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  type Translations,
} from '../../common/i18n/translations';
import type { CalendarDate } from '../../common/time/calendar-date';
import {
  indicatorAchievement,
  type ReportedValue,
  type TargetValue,
} from '../../results/achievement';
import {
  isPeriodKey,
  isYearKey,
  periodEndsOn,
  periodStartsOn,
  periodWithin,
  periodYear,
  comparePeriods,
  type PeriodKey,
} from '../../results/reporting-periods';
import type { ResultMeasure } from '../../results/result-rules';

/**
 * IATI `result` elements (2.03) from a plan's results framework.
 *
 * Where they go. The file has one iati-activity per activity of the plan, and IATI wants results inside
 * the activity they stem from, so an indicator's result goes into each exported activity linked to it
 * (result_indicator_activities); an indicator linked to none goes into the activities of its objective's
 * theme, the activities that serve it in fact. An indicator that ends up in more than one activity carries
 * `aggregation-status="0"`: its figures are the plan's, repeated, and a reader must not add them up.
 * An indicator with no activity in the (filtered) export is left out of this file.
 *
 * Result type (ResultType codelist). A `number` indicator counts what the activities deliver (people
 * trained, victims referred): 1, output. A `percentage` or a `yes_no` one states a change in the
 * institutions (a referral rate, a procedure adopted): 2, outcome. One `result` per objective and type
 * in each activity, titled by the objective, holding its indicators in order.
 *
 * Measure (IndicatorMeasure codelist): number 1 (unit), percentage 2; yes/no is 5 (qualitative), whose
 * baseline, targets and actuals carry no @value but a comment saying yes or no in fr/en/ar.
 *
 * Periods. Per year of the plan: when the indicator's target for that year is set per year (and no
 * reporting period of the year has its own), one period for the calendar year with that target and the
 * year's actual; otherwise one period per reporting period (2025-H1…) with its own target, if any, and
 * its actual. Actuals follow results/achievement.ts (sum over parties and periods for numbers, mean over
 * the parties of the latest period for percentages, yes only when every party says yes), so the file
 * shows the same figures as `GET /api/action-plans/:id/results`. A period with neither is left out.
 */

/** IATI ResultType and IndicatorMeasure codes. */
export const IATI_RESULT_TYPE: Record<ResultMeasure, '1' | '2'> = {
  number: '1',
  percentage: '2',
  yes_no: '2',
};
export const IATI_MEASURE: Record<ResultMeasure, '1' | '2' | '5'> = {
  number: '1',
  percentage: '2',
  yes_no: '5',
};
/** IndicatorVocabulary 99: the reporting organisation's own codes (the indicator's code in the plan). */
const OWN_VOCABULARY = '99';

const YES_NO: Record<ContentLanguage, [string, string]> = {
  fr: ['Non', 'Oui'],
  en: ['No', 'Yes'],
  ar: ['لا', 'نعم'],
};

export interface IatiObjective {
  id: string;
  code: string;
  title: string;
  translations: Translations;
  theme: string | null;
  position: number;
}

export interface IatiIndicator {
  id: string;
  objectiveId: string;
  code: string;
  title: string;
  translations: Translations;
  measure: ResultMeasure;
  baselineValue: number | null;
  baselineOn: CalendarDate | null;
  position: number;
  /** Activities linked to it. */
  activityIds: string[];
  targets: TargetValue[];
  values: ReportedValue[];
}

export interface IatiResultsInput {
  /** The file's default language (narratives in it come first). */
  language: ContentLanguage;
  /** The plan's reporting periods (results/reporting-periods.ts periodsOfPlan). */
  periods: PeriodKey[];
  objectives: IatiObjective[];
  indicators: IatiIndicator[];
}

export interface IatiPeriod {
  startOn: CalendarDate;
  endOn: CalendarDate;
  target: number | null;
  actual: number | null;
}

/** The periods an indicator reports in IATI (see above), in order. */
export function indicatorPeriods(
  indicator: Pick<IatiIndicator, 'measure' | 'targets' | 'values'>,
  planPeriods: readonly PeriodKey[],
): IatiPeriod[] {
  const keys = new Set<PeriodKey>(planPeriods);
  for (const v of indicator.values) keys.add(v.period);
  for (const t of indicator.targets) if (isPeriodKey(t.period)) keys.add(t.period);
  const years = new Set<string>([...keys].map(periodYear));
  for (const t of indicator.targets) if (isYearKey(t.period)) years.add(t.period);
  const out: IatiPeriod[] = [];
  for (const year of [...years].sort()) {
    const inYear = [...keys].filter((k) => periodWithin(k, year)).sort(comparePeriods);
    const achieved = (period: string) =>
      indicatorAchievement(indicator.measure, indicator.values, indicator.targets, period);
    const periodTargets = indicator.targets.some(
      (t) => isPeriodKey(t.period) && periodWithin(t.period, year),
    );
    const yearly = achieved(year);
    if (yearly.target !== null && !periodTargets) {
      out.push({
        startOn: `${year}-01-01`,
        endOn: `${year}-12-31`,
        target: yearly.target,
        actual: yearly.actual,
      });
      continue;
    }
    for (const key of inYear) {
      const { target, actual } = achieved(key);
      if (target === null && actual === null) continue;
      out.push({ startOn: periodStartsOn(key), endOn: periodEndsOn(key), target, actual });
    }
  }
  return out;
}

/** The results of a file, laid out per activity (see above), ready for appendActivityResults. */
export interface IatiResults {
  input: IatiResultsInput;
  /** Indicators by the activity whose iati-activity carries them. */
  byActivity: Map<string, IatiIndicator[]>;
  /** In how many activities of the file each indicator appears. */
  carriedBy: Map<string, number>;
}

export function prepareIatiResults(
  input: IatiResultsInput,
  activities: readonly { id: string; themes: readonly string[] }[],
): IatiResults {
  const byActivity = new Map<string, IatiIndicator[]>();
  const carriedBy = new Map<string, number>();
  const objectives = new Map(input.objectives.map((o) => [o.id, o]));
  const exported = new Set(activities.map((a) => a.id));
  for (const indicator of input.indicators) {
    const theme = objectives.get(indicator.objectiveId)?.theme ?? null;
    const carriers =
      indicator.activityIds.length > 0
        ? indicator.activityIds.filter((id) => exported.has(id))
        : theme
          ? activities.filter((a) => a.themes.includes(theme)).map((a) => a.id)
          : [];
    carriedBy.set(indicator.id, carriers.length);
    for (const id of carriers) byActivity.set(id, [...(byActivity.get(id) ?? []), indicator]);
  }
  return { input, byActivity, carriedBy };
}

/**
 * Appends the `result` elements of one activity, after its document-link as the schema's sequence
 * wants (conditions, which would come between, are not exported).
 */
export function appendActivityResults(
  activity: XMLBuilder,
  activityId: string,
  results: IatiResults,
): void {
  const indicators = results.byActivity.get(activityId) ?? [];
  const { input, carriedBy } = results;
  const objectives = [...input.objectives].sort((a, b) => a.position - b.position);
  for (const objective of objectives) {
    const own = indicators
      .filter((i) => i.objectiveId === objective.id)
      .sort((a, b) => a.position - b.position || (a.code < b.code ? -1 : 1));
    for (const type of ['1', '2'] as const) {
      const ofType = own.filter((i) => IATI_RESULT_TYPE[i.measure] === type);
      if (ofType.length === 0) continue;
      const result = activity.ele('result', { type });
      narrated(result.ele('title'), texts(objective, input.language));
      for (const indicator of ofType) {
        appendIndicator(result, indicator, input, (carriedBy.get(indicator.id) ?? 1) > 1);
      }
    }
  }
}

function appendIndicator(
  result: XMLBuilder,
  indicator: IatiIndicator,
  input: IatiResultsInput,
  repeated: boolean,
): void {
  const el = result.ele('indicator', {
    measure: IATI_MEASURE[indicator.measure],
    ...(repeated && { 'aggregation-status': '0' }),
  });
  narrated(el.ele('title'), texts(indicator, input.language));
  el.ele('reference', { vocabulary: OWN_VOCABULARY, code: indicator.code });
  const periods = indicatorPeriods(indicator, input.periods);
  if (indicator.baselineValue !== null) {
    const year = indicator.baselineOn?.slice(0, 4) ?? periods[0]?.startOn.slice(0, 4);
    if (year && Number(year) > 0) {
      const baseline = el.ele('baseline', {
        year: String(Number(year)),
        ...(indicator.baselineOn && { 'iso-date': indicator.baselineOn }),
        ...measured(indicator.measure, indicator.baselineValue),
      });
      yesNoComment(baseline, indicator.measure, indicator.baselineValue, input.language);
    }
  }
  for (const period of periods) {
    const p = el.ele('period');
    p.ele('period-start', { 'iso-date': period.startOn });
    p.ele('period-end', { 'iso-date': period.endOn });
    if (period.target !== null) {
      const target = p.ele('target', measured(indicator.measure, period.target));
      yesNoComment(target, indicator.measure, period.target, input.language);
    }
    if (period.actual !== null) {
      const actual = p.ele('actual', measured(indicator.measure, period.actual));
      yesNoComment(actual, indicator.measure, period.actual, input.language);
    }
  }
}

/** `@value` for quantitative measures; a qualitative (yes/no) one has none. */
function measured(measure: ResultMeasure, value: number): Record<string, string> {
  return measure === 'yes_no' ? {} : { value: iatiNumber(value) };
}

function yesNoComment(
  parent: XMLBuilder,
  measure: ResultMeasure,
  value: number,
  language: ContentLanguage,
): void {
  if (measure !== 'yes_no') return;
  const answer = value >= 1 ? 1 : 0;
  const comment = parent.ele('comment');
  for (const lang of [language, ...CONTENT_LANGUAGES.filter((l) => l !== language)]) {
    comment.ele('narrative', { 'xml:lang': lang }).txt(YES_NO[lang][answer]);
  }
}

/** At most four decimals (values are stored so), no exponent, no trailing zeros. */
export function iatiNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

function texts(
  item: { title: string; translations: Translations },
  language: ContentLanguage,
): Map<ContentLanguage, string> {
  const narratives = new Map<ContentLanguage, string>();
  narratives.set(language, item.translations?.[language]?.title ?? item.title);
  for (const lang of CONTENT_LANGUAGES) {
    const text = item.translations?.[lang]?.title;
    if (lang !== language && text) narratives.set(lang, text);
  }
  return narratives;
}

function narrated(parent: XMLBuilder, narratives: Map<ContentLanguage, string>): void {
  for (const [lang, text] of narratives) parent.ele('narrative', { 'xml:lang': lang }).txt(text);
}
