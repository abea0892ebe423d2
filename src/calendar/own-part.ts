import type { ActivityView } from '../activities/activity-view';

/**
 * A focal point's feed shows each activity as their own party's part stands: its status, progress,
 * completion and overdue. Morocco having done its share of a joint visit reads « Réalisée » in
 * Morocco's calendar (and is no longer a deadline there) while it is still « En retard » in Côte
 * d'Ivoire's; a part their party dropped reads as cancelled, which the client takes off their calendar.
 * Everyone else (programme managers, observers) reads the joint status, the roll-up of the parts.
 */
export function asSeenByParty(activity: ActivityView, partyCode: string | null): ActivityView {
  if (!partyCode) return activity;
  const part = activity.parts.find((p) => p.partyCode === partyCode);
  if (!part) return activity;
  return {
    ...activity,
    status: part.status,
    progressPercent: part.progressPercent,
    completedOn: part.completedOn,
    overdue: part.overdue,
  };
}
