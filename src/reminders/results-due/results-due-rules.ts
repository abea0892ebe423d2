import { daysBetween, type CalendarDate } from '../../common/time/calendar-date';
import { leadTimeBucket, overdueOccurrence } from '../reminder-rules';

/**
 * Reporting-due reminders, as data. A plan's report for a reporting period (a half-year or a quarter) is
 * due `graceDays` after the period ends; the focal points of each party that has not yet reported all
 * its indicators hear of it `daysBefore` that day, then every `overdueEveryDays` once it has passed.
 */
export interface ResultsReportingRules {
  /** Lead times before the report's due date, in days (0–180, distinct). Empty: no advance reminder. */
  daysBefore: number[];
  /** Overdue: the day after the due date, then every this many days (1–365) while values are missing. */
  overdueEveryDays: number;
  /** The report is due this many days (0–365) after the period's last day. */
  graceDays: number;
}

export const DEFAULT_RESULTS_REPORTING_RULES: ResultsReportingRules = {
  daysBefore: [14, 3],
  overdueEveryDays: 14,
  graceDays: 30,
};

/**
 * Overdue reminders stop this long after the due date: a report still missing half a year later is a
 * matter for the committee, not for a fortnightly mail (and a plan imported with years of unreported
 * history must not flood anyone).
 */
export const RESULTS_OVERDUE_FOR_DAYS = 180;

export type ResultsRuleKind = 'results_due' | 'results_overdue';

/** Which reminder applies `today` for a report due on `dueOn`: the kind and the key's step, or null. */
export function resultsReminderDue(
  rules: ResultsReportingRules,
  dueOn: CalendarDate,
  today: CalendarDate,
): { kind: ResultsRuleKind; step: number } | null {
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft >= 0) {
    const lead = leadTimeBucket(rules.daysBefore, daysLeft);
    return lead === null ? null : { kind: 'results_due', step: lead };
  }
  if (-daysLeft > RESULTS_OVERDUE_FOR_DAYS) return null;
  const occurrence = overdueOccurrence(rules.overdueEveryDays, -daysLeft);
  return occurrence === null ? null : { kind: 'results_overdue', step: occurrence };
}

/**
 * The delivery key's rule part: the subject is the plan (subject_id), the rule names the period, the
 * party and the lead time or overdue occurrence, e.g. `results_due:2025-H1:MA:14` — so each (plan,
 * period, party, step, recipient, channel) goes once. Party codes are at most 16 characters: 44 at most, under the column’s 64.
 */
export const resultsRule = (
  kind: ResultsRuleKind,
  period: string,
  partyCode: string,
  step: number,
) => `${kind}:${period}:${partyCode}:${step}`;

/** The period and party a rule names, or null for another rule. */
export function parseResultsRule(rule: string): { period: string; partyCode: string } | null {
  const m = /^results_(?:due|overdue):([0-9]{4}(?:-[HQ][1-4])?):([^:]+):\d+$/.exec(rule);
  return m ? { period: m[1], partyCode: m[2] } : null;
}
