import { CalendarDate, compareDates } from '../../common/time/calendar-date';
import type { EntryIntoForce } from './entry-into-force';

/**
 * Where an agreement between states stands on a day:
 * - `signed`: signed, not (yet) in force, not applied;
 * - `provisionally_applied`: not in force, but the parties agreed to apply it from signature
 *   (Vienna Convention art. 25) — its activities and reminders run as if in force;
 * - `in_force`: entered into force (computed), not denounced or notice still to come;
 * - `denounced`: a party has denounced it and the notice period is running — still in force until
 *   the day the denunciation takes effect;
 * - `terminated`: the denunciation has taken effect.
 * The term's own expiry (and renewals) stays with agreement-terms.ts; this is the treaty side.
 */
export type LifecycleStage =
  'signed' | 'provisionally_applied' | 'in_force' | 'denounced' | 'terminated';

export interface LifecycleFacts {
  signedOn: CalendarDate;
  provisionalApplication: boolean;
  entryIntoForce: EntryIntoForce;
  /** The earliest denunciation's effect date, or null when nobody has denounced. */
  denunciationTakesEffectOn: CalendarDate | null;
}

export function lifecycleStageOn(facts: LifecycleFacts, today: CalendarDate): LifecycleStage {
  const { entryIntoForce, denunciationTakesEffectOn } = facts;
  if (denunciationTakesEffectOn !== null && compareDates(today, denunciationTakesEffectOn) >= 0) {
    return 'terminated';
  }
  const inForce =
    entryIntoForce.state === 'determined' &&
    compareDates(today, entryIntoForce.entryIntoForceOn) >= 0;
  if (inForce) return denunciationTakesEffectOn !== null ? 'denounced' : 'in_force';
  if (facts.provisionalApplication && compareDates(today, facts.signedOn) >= 0) {
    // A denunciation of a provisionally applied text also runs its notice (art. 25(2) ends
    // provisional application by notification; the notice is what the parties agreed for both).
    return denunciationTakesEffectOn !== null ? 'denounced' : 'provisionally_applied';
  }
  return 'signed';
}
