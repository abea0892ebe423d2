import type { CalendarDate } from '../common/time/calendar-date';
import { isOverdue } from './activity-rules';
import { isoText, type ActivityReadRow, type PartReadRow } from './activity-rows';
import type { Activity } from './activity.entity';
import type { ActivityPart } from './parts/activity-part.entity';
import { toPartView, type PartView } from './parts/part-view';

/**
 * An activity with its computed `overdue` and each party's part (lead party first). Its timestamps are
 * ISO 8601 text, as JSON shows a Date: JSON.stringify takes its slow path for every Date it meets, and
 * a list page holds a hundred of them.
 */
export type ActivityView = Omit<Activity, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
  overdue: boolean;
  parts: PartView[];
};

export function toActivityView(
  activity: Activity | ActivityReadRow,
  today: CalendarDate,
  parts: (ActivityPart | PartReadRow)[],
): ActivityView {
  return {
    ...activity,
    // Same keys, same places: the spread set them, these replace their values.
    createdAt: isoText(activity.createdAt),
    updatedAt: isoText(activity.updatedAt),
    overdue: isOverdue(activity.status, activity.dueOn, today),
    parts: parts.map((p) => toPartView(p, activity.dueOn, today)),
  };
}
