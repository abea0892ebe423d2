import { daysBetween, type CalendarDate } from '../../common/time/calendar-date';
import { isClosedStatus, type ActivityStatus } from '../../activities/activity-rules';
import { leadTimeBucket } from '../reminder-rules';

/**
 * Stagnation nudges, as data: how many days before a planned committee meeting the nudges go out, and
 * after how many days without an update an open part counts as silent.
 */
export interface StagnationRules {
  /** Lead times before the next meeting, in days (1–180, distinct). Empty: no nudges. */
  daysBeforeMeeting: number[];
  /** An open part not updated for at least this many days is silent (1–365). */
  silentAfterDays: number;
}

export const DEFAULT_STAGNATION_RULES: StagnationRules = {
  daysBeforeMeeting: [21, 7],
  silentAfterDays: 30,
};

/**
 * Which lead time's nudge is due `today` for a meeting held on `meetingOn`, or null. The smallest lead
 * whose day has come: a meeting planned 15 days ahead with leads [21, 7] gets the 21-day nudge at once
 * (its day has passed, the 7-day one's has not), then the 7-day nudge on its day. A sweep that missed a
 * day catches up the day after; the delivery key (meeting, lead, recipient) keeps each from going twice.
 * Nothing on or after the meeting day: the meeting itself is then the place to talk about it.
 */
export function nudgeLeadDue(
  daysBeforeMeeting: number[],
  meetingOn: CalendarDate,
  today: CalendarDate,
): number | null {
  const daysLeft = daysBetween(today, meetingOn);
  if (daysLeft < 1) return null;
  return leadTimeBucket(daysBeforeMeeting, daysLeft);
}

/** One party's part of an activity, with the day it was last touched in the plan's time zone. */
export interface PartActivity {
  status: ActivityStatus;
  /** The day of the part's last update (its creation if never updated since), in the plan's zone. */
  lastUpdatedOn: CalendarDate;
}

/**
 * Days a part has been silent, or null when it is not silent: closed parts (completed, cancelled) are
 * never silent, open ones (planned, in progress, postponed) are once `silentAfterDays` whole days have
 * passed since their last update.
 */
export function daysSilent(
  part: PartActivity,
  today: CalendarDate,
  silentAfterDays: number,
): number | null {
  if (isClosedStatus(part.status)) return null;
  const days = daysBetween(part.lastUpdatedOn, today);
  return days >= silentAfterDays ? days : null;
}

/** The key's rule part: one nudge per (meeting, lead time, recipient). */
export const nudgeRule = (lead: number) => `stagnation_nudge:${lead}`;
