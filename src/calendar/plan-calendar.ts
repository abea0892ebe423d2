import {
  localized,
  type ContentLanguage,
  type Translatable,
  type Translations,
} from '../common/i18n/translations';
import ical, { ICalEventStatus } from 'ical-generator';
import type { ActivityView } from '../activities/activity-view';
import { addDays, type CalendarDate } from '../common/time/calendar-date';
import type { CalendarLabels } from './calendar-labels';

export interface PlanCalendarInput {
  plan: { id: string; title: string; translations?: Translations; endsOn: CalendarDate };
  agreement: {
    id: string;
    title: string;
    translations?: Translations;
    expiresOn: CalendarDate;
    noticeDeadlineOn: CalendarDate | null;
  };
  activities: ActivityView[];
  labels: CalendarLabels;
  /** DTSTAMP of every event: when this feed was produced. */
  now: Date;
  /** Who reads the feed: titles in their language, parties by name, links to the page. */
  reader: CalendarReader;
}

export interface CalendarReader {
  language: ContentLanguage;
  partyName: (code: string) => string;
  /** The page address that opens an anchor (`activity/<id>`). */
  link: (anchor: string) => string;
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
  const { reader } = input;
  const title = (item: Translatable) => localized(item, 'title', reader.language);
  const day = (
    id: string,
    date: CalendarDate,
    summary: string,
    anchor: string,
    description?: string,
  ) =>
    calendar.createEvent({
      id,
      start: date,
      end: addDays(date, 1),
      allDay: true,
      summary,
      description,
      url: reader.link(anchor),
      stamp: input.now,
    });

  for (const activity of input.activities) {
    const event = day(
      `activity-${activity.id}@accords`,
      activity.dueOn,
      `${activityPrefix(activity, labels)} – ${title(activity)}`,
      `activity/${activity.id}`,
      activityDescription(activity, labels, reader),
    );
    event.status(
      activity.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    );
  }
  day(
    `plan-end-${plan.id}@accords`,
    plan.endsOn,
    `${labels.planEnds} – ${title(plan)}`,
    `plan/${plan.id}`,
  );
  day(
    `agreement-expiry-${agreement.id}@accords`,
    agreement.expiresOn,
    `${labels.agreementExpires} – ${title(agreement)}`,
    `agreement/${agreement.id}`,
  );
  if (agreement.noticeDeadlineOn) {
    day(
      `agreement-notice-${agreement.id}@accords`,
      agreement.noticeDeadlineOn,
      `${labels.noticeDeadline} – ${title(agreement)}`,
      `agreement/${agreement.id}`,
    );
  }
  return calendar.toString();
}

function activityPrefix(activity: ActivityView, labels: CalendarLabels): string {
  if (activity.status === 'completed') return labels.completed;
  if (activity.status === 'cancelled') return labels.cancelled;
  return activity.overdue ? labels.overdue : labels.due;
}

function activityDescription(
  activity: ActivityView,
  labels: CalendarLabels,
  reader: CalendarReader,
): string {
  const description = localized(activity, 'description', reader.language);
  return [
    `${labels.status}: ${activity.status}`,
    `${labels.progress}: ${activity.progressPercent} %`,
    `${labels.lead}: ${reader.partyName(activity.leadPartyCode)}`,
    `${labels.parties}: ${activity.partyCodes.map(reader.partyName).join(', ')}`,
    ...(description ? ['', description] : []),
  ].join('\n');
}
