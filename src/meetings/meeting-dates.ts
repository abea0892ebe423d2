import type { FieldError } from '../common/errors/domain-errors';
import type { CalendarDate } from '../common/time/calendar-date';
import type { MeetingStatus } from './committee-meeting.entity';

/**
 * Whether a meeting's date fits its status, in the plan's calendar: a planned meeting is today or
 * later (it has not happened yet), a held one today or earlier (it has happened). Checked only when the
 * date or the status is written, so a planned meeting whose day passed can still be edited (and marked
 * held).
 */
export function meetingDateError(
  status: MeetingStatus,
  heldOn: CalendarDate,
  today: CalendarDate,
): FieldError | null {
  if (status === 'held' && heldOn > today) {
    return { field: 'heldOn', message: `a held meeting is dated today (${today}) or earlier` };
  }
  if (status === 'planned' && heldOn < today) {
    return { field: 'heldOn', message: `a planned meeting is dated today (${today}) or later` };
  }
  return null;
}

/** A held meeting has its baseline: it cannot become planned again. */
export function statusChangeError(from: MeetingStatus, to: MeetingStatus): FieldError | null {
  return from === 'held' && to === 'planned'
    ? { field: 'status', message: 'a held meeting cannot go back to planned' }
    : null;
}
