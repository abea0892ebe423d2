import { DEFAULT_STAGNATION_RULES, type StagnationRules } from './nudges/nudge-rules';
import {
  DEFAULT_RESULTS_REPORTING_RULES,
  type ResultsReportingRules,
} from './results-due/results-due-rules';

/**
 * Reminder rules as data. Lead times are days before a date; the activity rules also say how often an
 * overdue activity is reminded and when it escalates to the programme managers.
 */
export interface ReminderRules {
  /** Activity due in N days (0 = due today). */
  activityDue: { daysBefore: number[] };
  /** Overdue activity: the day after its due date, then every `everyDays` days until closed. */
  activityOverdue: { everyDays: number };
  /** Overdue by more than `afterDaysOverdue` days: reminders also go to programme managers, marked escalated. */
  escalation: { afterDaysOverdue: number };
  agreementExpiry: { daysBefore: number[] };
  planExpiry: { daysBefore: number[] };
  noticeDeadline: { daysBefore: number[] };
  /** Stagnation nudges before committee meetings (nudges/nudge-rules.ts). */
  stagnation: StagnationRules;
  /**
   * A party's notification of entry into force still missing: on each listed day after signature,
   * then every `everyDays` days after the last one, until every party has notified.
   */
  notificationMissing: { daysAfterSignature: number[]; everyDays: number };
  /** Days before a denunciation takes effect (0 = the day it does). */
  denunciationEffect: { daysBefore: number[] };
  /** Reporting-due reminders for a plan's results, per reporting period (results-due/). */
  resultsReporting: ResultsReportingRules;
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  activityDue: { daysBefore: [30, 7, 1, 0] },
  activityOverdue: { everyDays: 7 },
  escalation: { afterDaysOverdue: 14 },
  agreementExpiry: { daysBefore: [180, 90, 30] },
  planExpiry: { daysBefore: [180, 90, 30] },
  noticeDeadline: { daysBefore: [30, 7] },
  stagnation: DEFAULT_STAGNATION_RULES,
  notificationMissing: { daysAfterSignature: [30, 60], everyDays: 30 },
  denunciationEffect: { daysBefore: [90, 30, 0] },
  resultsReporting: DEFAULT_RESULTS_REPORTING_RULES,
};

/**
 * Which "notification missing" reminder applies `daysSinceSignature` days after signature, named by
 * the day it starts: the largest listed day reached, then every `everyDays` after the last listed one
 * (30, 60, then 90, 120… with the defaults). Null before the first. A sweep that missed a day catches
 * up the next, and the unique key keeps each from firing twice.
 */
export function notificationMissingOccurrence(
  rule: ReminderRules['notificationMissing'],
  daysSinceSignature: number,
): number | null {
  const listed = [...rule.daysAfterSignature].sort((a, b) => a - b);
  if (listed.length === 0 || daysSinceSignature < listed[0]) return null;
  const last = listed[listed.length - 1];
  if (daysSinceSignature < last) return listed.filter((day) => day <= daysSinceSignature).at(-1)!;
  return last + Math.floor((daysSinceSignature - last) / rule.everyDays) * rule.everyDays;
}

/**
 * The lead-time bucket that applies `daysLeft` days before a date, or null. Buckets are the lead times
 * sorted descending; a day falls into the smallest lead time that is still >= daysLeft. So the 7-day
 * reminder fires on day 7 (not on day 8), and a sweep that missed day 7 catches up on day 6 instead
 * of sending nothing; the unique key then keeps it from firing twice.
 */
export function leadTimeBucket(daysBefore: number[], daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  const fitting = daysBefore.filter((d) => d >= daysLeft);
  return fitting.length === 0 ? null : Math.min(...fitting);
}

/**
 * Which overdue reminder applies `daysOverdue` days after the due date (1-based occurrence), or null
 * when not overdue. Occurrence 1 is the day after the due date, occurrence k is 1 + (k-1)·everyDays.
 */
export function overdueOccurrence(everyDays: number, daysOverdue: number): number | null {
  if (daysOverdue < 1) return null;
  return Math.floor((daysOverdue - 1) / everyDays) + 1;
}

/** The first day of an overdue occurrence, in days after the due date. */
export const occurrenceStartsAfter = (everyDays: number, occurrence: number) =>
  1 + (occurrence - 1) * everyDays;

/** Escalated when the occurrence began more than `afterDaysOverdue` days after the due date. */
export function isEscalated(rules: ReminderRules, occurrence: number): boolean {
  return (
    occurrenceStartsAfter(rules.activityOverdue.everyDays, occurrence) >
    rules.escalation.afterDaysOverdue
  );
}
