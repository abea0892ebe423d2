import type { CalendarDate } from '../common/time/calendar-date';
import { isOverdue } from './activity-rules';
import type { Activity } from './activity.entity';
import type { ActivityPart } from './parts/activity-part.entity';
import { toPartView, type PartView } from './parts/part-view';

/** An activity with its computed `overdue` and each party's part (lead party first). */
export type ActivityView = Omit<Activity, never> & { overdue: boolean; parts: PartView[] };

export function toActivityView(
  activity: Activity,
  today: CalendarDate,
  parts: ActivityPart[],
): ActivityView {
  return {
    ...activity,
    overdue: isOverdue(activity.status, activity.dueOn, today),
    parts: parts.map((p) => toPartView(p, activity.dueOn, today)),
  };
}
