import { CalendarDate, isBeforeDay } from '../common/time/calendar-date';

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
  return isBeforeDay(dueOn, today);
}

/**
 * Why a requested progress cannot be recorded, or null. A completed activity is at 100 %. A cancelled
 * activity's progress stays where the work stopped: changing it would report work on something nobody
 * does any more, so a cancelled activity that stays cancelled refuses any other value (reopen it first).
 * Cancelling may still record the progress reached, in the same request.
 */
export function progressProblem(
  currentStatus: ActivityStatus,
  nextStatus: ActivityStatus,
  currentProgress: number,
  requestedProgress: number | undefined,
): string | null {
  if (requestedProgress === undefined) return null;
  if (nextStatus === 'completed' && requestedProgress !== 100)
    return 'a completed activity is at 100';
  if (
    currentStatus === 'cancelled' &&
    nextStatus === 'cancelled' &&
    requestedProgress !== currentProgress
  ) {
    return `a cancelled activity keeps the progress it stopped at (${currentProgress}); reopen it to record progress`;
  }
  return null;
}
