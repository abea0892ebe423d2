import { InvalidInput } from '../../common/errors/domain-errors';
import type { CalendarDate } from '../../common/time/calendar-date';
import type { HistoryValue } from '../activity-history.entity';
import { progressProblem } from '../activity-rules';
import type { ActivityPart } from './activity-part.entity';
import type { UpdatePartDto } from './dto/update-part.dto';

const PART_FIELDS = ['status', 'progressPercent', 'note', 'completedOn'] as const;
type PartField = (typeof PART_FIELDS)[number];
export type PartFields = Pick<ActivityPart, PartField>;

export interface PartFieldChange {
  field: PartField;
  from: HistoryValue;
  to: HistoryValue;
}

/**
 * What a part update does, without I/O: the same rules as an activity (completing sets 100 % and the
 * completion date, reopening clears the date, a cancelled part keeps its progress) and the list of
 * real changes for history.
 */
export function planPartChange(
  current: PartFields,
  patch: UpdatePartDto,
  today: CalendarDate,
): { next: PartFields; changes: PartFieldChange[] } {
  const next: PartFields = {
    status: patch.status ?? current.status,
    progressPercent: patch.progressPercent ?? current.progressPercent,
    note: patch.note !== undefined ? patch.note : current.note,
    completedOn: current.completedOn,
  };
  const problem = progressProblem(
    current.status,
    next.status,
    current.progressPercent,
    patch.progressPercent,
  );
  if (problem) throw InvalidInput.field('progressPercent', problem.replace('activity', 'part'));
  if (next.status === 'completed') {
    next.progressPercent = 100;
    next.completedOn = patch.completedOn ?? current.completedOn ?? today;
  } else {
    if (patch.completedOn !== undefined && patch.completedOn !== null) {
      throw InvalidInput.field('completedOn', 'can only be set on a completed part');
    }
    next.completedOn = null;
  }
  const changes = PART_FIELDS.filter((f) => current[f] !== next[f]).map((field) => ({
    field,
    from: current[field] as HistoryValue,
    to: next[field] as HistoryValue,
  }));
  return { next, changes };
}
