import { daysBetween, type CalendarDate } from '../../common/time/calendar-date';
import { sendingTimesAt } from '../../common/time/sending-window';
import type { NewNotification } from '../../notifications/notification-lifecycle';
import type { PlannedMeeting } from '../../meetings/meetings.reader';
import { type Audience, deliveriesOf, type Recipient } from '../reminder-recipients';
import { nudgeLeadDue, nudgeRule } from './nudge-rules';

/** A meeting whose nudge is due now, at which lead time. */
export interface DueNudge {
  meeting: PlannedMeeting;
  lead: number;
}

/**
 * The nudges due today: for each plan, only its next planned meeting counts (a second one further out
 * gets its turn once the first is held), and only when one of its lead times has come. `meetings`
 * are sorted by date; `todayOf` gives "today" in each plan's time zone.
 */
export function dueNudges(
  meetings: PlannedMeeting[],
  todayOf: ReadonlyMap<string, CalendarDate>,
  daysBeforeMeeting: number[],
): DueNudge[] {
  const seen = new Set<string>();
  const due: DueNudge[] = [];
  for (const meeting of meetings) {
    const today = todayOf.get(meeting.planId);
    if (today === undefined || seen.has(meeting.planId)) continue;
    if (daysBetween(today, meeting.heldOn) < 1) continue; // today's or a past one: not "next"
    seen.add(meeting.planId);
    const lead = nudgeLeadDue(daysBeforeMeeting, meeting.heldOn, today);
    if (lead !== null) due.push({ meeting, lead });
  }
  return due;
}

/**
 * One delivery per (meeting, lead time, recipient, channel): to each focal point of a party that has
 * silent parts in the meeting's plan, to every programme manager (they follow every plan) and to each
 * webhook subscribed to the kind — none when nothing is silent. What the message lists is decided when
 * it is sent, so a part updated in between drops out of it. Mail waits for working hours.
 */
export function nudgeDeliveries(
  nudge: DueNudge,
  silentPartyCodes: ReadonlySet<string>,
  audience: Audience,
  now: Date,
): NewNotification[] {
  if (silentPartyCodes.size === 0) return [];
  const base = {
    subjectType: 'meeting' as const,
    subjectId: nudge.meeting.id,
    rule: nudgeRule(nudge.lead),
    ruleKind: 'stagnation_nudge',
    dueOn: nudge.meeting.heldOn,
    escalated: false,
  };
  // Programme managers, and the focal points of the parties that have gone quiet.
  const concerned = (user: Recipient) =>
    user.role === 'programme_manager' ||
    (user.partyCode !== null && silentPartyCodes.has(user.partyCode));
  return deliveriesOf(base, audience, concerned, sendingTimesAt(now), now);
}
