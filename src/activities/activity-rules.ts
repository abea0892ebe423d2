import { CalendarDate, compareDates } from '../common/time/calendar-date';

export const ACTIVITY_STATUSES = [
  'planned',
  'in_progress',
  'completed',
  'postponed',
  'cancelled',
] as const;

export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export function isActivityStatus(value: string): value is ActivityStatus {
  return (ACTIVITY_STATUSES as readonly string[]).includes(value);
}

/** Closed activities need no more work, so they can never be late. */
export function isClosedStatus(status: ActivityStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

/** Late only once the due day is over: an activity due today is not yet overdue. No due date, never late. */
export function isOverdue(
  status: ActivityStatus,
  dueOn: CalendarDate | null | undefined,
  today: CalendarDate,
): boolean {
  if (isClosedStatus(status) || !dueOn) return false;
  return compareDates(dueOn, today) < 0;
}
