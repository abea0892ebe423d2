import ical, { ICalEventStatus } from 'ical-generator';
import type { ActivityView } from '../activities/activity-view';
import { addDays, type CalendarDate } from '../common/time/calendar-date';
import type { CalendarLabels } from './calendar-labels';

export interface PlanCalendarInput {
  plan: { id: string; title: string; endsOn: CalendarDate };
  agreement: {
    id: string;
    title: string;
    expiresOn: CalendarDate;
    noticeDeadlineOn: CalendarDate | null;
  };
  activities: ActivityView[];
  labels: CalendarLabels;
  /** DTSTAMP of every event: when this feed was produced. */
  now: Date;
}

/** How often subscribed clients should fetch the feed again (X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;

/**
 * All-day events (DTSTART;VALUE=DATE, DTEND the next day) for each activity's due date, the plan's last
 * day, the agreement's expiry and its notice deadline. UIDs derive from the row ids only, so a moved
 * deadline moves the same event in the subscriber's calendar instead of adding a new one. Cancelled
 * activities stay in the feed with STATUS:CANCELLED, which is how a client learns to drop them.
 * Dates are passed as 'YYYY-MM-DD' strings: no Date at midnight, so the host zone cannot shift a day.
 */
export function buildPlanCalendar(input: PlanCalendarInput): string {
  const { plan, agreement, labels } = input;
  const calendar = ical({
    name: plan.title,
    prodId: { company: 'Accords', product: 'accords', language: 'FR' },
    ttl: REFRESH_SECONDS,
  });
  const day = (id: string, date: CalendarDate, summary: string, description?: string) =>
    calendar.createEvent({
      id,
      start: date,
      end: addDays(date, 1),
      allDay: true,
      summary,
      description,
      stamp: input.now,
    });

  for (const activity of input.activities) {
    const event = day(
      `activity-${activity.id}@accords`,
      activity.dueOn,
      `${activityPrefix(activity, labels)} – ${activity.title}`,
      activityDescription(activity, labels),
    );
    event.status(
      activity.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    );
  }
  day(`plan-end-${plan.id}@accords`, plan.endsOn, `${labels.planEnds} – ${plan.title}`);
  day(
    `agreement-expiry-${agreement.id}@accords`,
    agreement.expiresOn,
    `${labels.agreementExpires} – ${agreement.title}`,
  );
  if (agreement.noticeDeadlineOn) {
    day(
      `agreement-notice-${agreement.id}@accords`,
      agreement.noticeDeadlineOn,
      `${labels.noticeDeadline} – ${agreement.title}`,
    );
  }
  return calendar.toString();
}

function activityPrefix(activity: ActivityView, labels: CalendarLabels): string {
  if (activity.status === 'completed') return labels.completed;
  if (activity.status === 'cancelled') return labels.cancelled;
  return activity.overdue ? labels.overdue : labels.due;
}

function activityDescription(activity: ActivityView, labels: CalendarLabels): string {
  return [
    `${labels.status}: ${activity.status}`,
    `${labels.progress}: ${activity.progressPercent} %`,
    `${labels.lead}: ${activity.leadPartyCode}`,
    `${labels.parties}: ${activity.partyCodes.join(', ')}`,
    ...(activity.description ? ['', activity.description] : []),
  ].join('\n');
}
