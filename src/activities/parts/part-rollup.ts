import type { CalendarDate } from '../../common/time/calendar-date';
import type { ActivityStatus } from '../activity-rules';

/** What the roll-up reads of a part, and what it gives the activity. */
export interface PartState {
  status: ActivityStatus;
  progressPercent: number;
  completedOn: CalendarDate | null;
}

/**
 * The joint status and progress of an activity, from its parts (one per party). Read in this order:
 *
 * 1. A cancelled part is not required: that party no longer takes part, so it neither blocks
 *    completion nor counts in progress. The *required* parts are the others.
 * 2. No required part (every part cancelled) → **cancelled**; progress is the mean of all parts,
 *    where the work stopped.
 * 3. Every required part completed → **completed**, 100 %, completed on the latest part's date:
 *    a joint activity is done only when each country has done its share (a study visit needs a host
 *    and a delegation).
 * 4. Else one required part in progress or completed → **in_progress**: work has visibly started,
 *    and the countries still owing their part are the ones shown as open.
 * 5. Else every open required part postponed → **postponed** (nobody is going to move soon).
 * 6. Else → **planned**.
 *
 * Progress (cases 3–6) is the rounded mean of the required parts' progress, so two parties at 100 and
 * 0 read 50 %: each party's share weighs the same, whatever its size, because the MoU treats the
 * parties as equals. The rule is pure so that it is unit-tested alone and applied the same way by every
 * writer (part updates, joint updates, migration checks).
 */
export function rollUpParts(parts: readonly PartState[]): PartState {
  if (parts.length === 0) throw new Error('an activity has at least one part');
  const required = parts.filter((p) => p.status !== 'cancelled');
  if (required.length === 0) {
    return { status: 'cancelled', progressPercent: meanProgress(parts), completedOn: null };
  }
  const progressPercent = meanProgress(required);
  if (required.every((p) => p.status === 'completed')) {
    const completedOn = required
      .map((p) => p.completedOn)
      .filter((d): d is CalendarDate => d !== null)
      .sort()
      .at(-1);
    return { status: 'completed', progressPercent: 100, completedOn: completedOn ?? null };
  }
  if (required.some((p) => p.status === 'in_progress' || p.status === 'completed')) {
    return { status: 'in_progress', progressPercent, completedOn: null };
  }
  if (required.every((p) => p.status === 'postponed')) {
    return { status: 'postponed', progressPercent, completedOn: null };
  }
  return { status: 'planned', progressPercent, completedOn: null };
}

function meanProgress(parts: readonly PartState[]): number {
  return Math.round(parts.reduce((sum, p) => sum + p.progressPercent, 0) / parts.length);
}
