import type { CalendarDate } from '../common/time/calendar-date';
import { isOverdue } from './activity-rules';
import type { Activity } from './activity.entity';

export type ActivityView = Omit<Activity, never> & { overdue: boolean };

export function toActivityView(activity: Activity, today: CalendarDate): ActivityView {
  return { ...activity, overdue: isOverdue(activity.status, activity.dueOn, today) };
}
