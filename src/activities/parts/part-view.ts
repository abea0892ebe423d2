import type { CalendarDate } from '../../common/time/calendar-date';
import { isOverdue } from '../activity-rules';
import { isoText, type PartReadRow } from '../activity-rows';
import type { ActivityPart } from './activity-part.entity';

/** A part as the API shows it on its activity. */
export interface PartView {
  partyCode: string;
  status: ActivityPart['status'];
  progressPercent: number;
  note: string | null;
  completedOn: CalendarDate | null;
  version: number;
  /**
   * ISO 8601 text, as JSON shows a Date: a list page holds a hundred parts, and JSON.stringify takes
   * its slow path for every Date it meets (half the cost of serializing a page of 50 activities).
   */
  updatedAt: string;
  /** Open and past the activity's due date: this party is late, whatever the others did. */
  overdue: boolean;
}

export function toPartView(
  part: ActivityPart | PartReadRow,
  dueOn: CalendarDate,
  today: CalendarDate,
): PartView {
  return {
    partyCode: part.partyCode,
    status: part.status,
    progressPercent: part.progressPercent,
    note: part.note,
    completedOn: part.completedOn,
    version: part.version,
    updatedAt: isoText(part.updatedAt),
    overdue: isOverdue(part.status, dueOn, today),
  };
}
