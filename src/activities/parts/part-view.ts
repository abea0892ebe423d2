import type { CalendarDate } from '../../common/time/calendar-date';
import { isOverdue } from '../activity-rules';
import type { ActivityPart } from './activity-part.entity';

/** A part as the API shows it on its activity. */
export interface PartView {
  partyCode: string;
  status: ActivityPart['status'];
  progressPercent: number;
  note: string | null;
  completedOn: CalendarDate | null;
  version: number;
  updatedAt: Date;
  /** Open and past the activity's due date: this party is late, whatever the others did. */
  overdue: boolean;
}

export function toPartView(part: ActivityPart, dueOn: CalendarDate, today: CalendarDate): PartView {
  return {
    partyCode: part.partyCode,
    status: part.status,
    progressPercent: part.progressPercent,
    note: part.note,
    completedOn: part.completedOn,
    version: part.version,
    updatedAt: part.updatedAt,
    overdue: isOverdue(part.status, dueOn, today),
  };
}
