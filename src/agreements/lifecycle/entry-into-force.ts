import { addDays, addMonths, CalendarDate, compareDates } from '../../common/time/calendar-date';

/**
 * When an agreement between states enters into force, as its final clause words it. Bilateral MoUs
 * use one of three forms:
 * - `signature`: "enters into force on the date of its signature";
 * - `days_after_last_notification`: "… [N] days after the date of the last notification by which the
 *   Parties inform each other that their internal procedures are complete" (N = 0: on that date);
 * - `first_day_of_month_after_last_notification`: "… on the first day of the [M]th month following the
 *   last notification" (the Council of Europe's form; M = 1 for "the following month").
 */
export type EntryIntoForceClause =
  | { basis: 'signature' }
  | { basis: 'days_after_last_notification'; days: number }
  | { basis: 'first_day_of_month_after_last_notification'; months: number };

/** One party's notification that its internal procedures for entry into force are complete. */
export interface PartyNotification {
  partyCode: string;
  notifiedOn: CalendarDate;
}

export type EntryIntoForce =
  /** Parties whose notification is still missing, so no date can be computed yet. */
  | { state: 'awaiting_notifications'; missingPartyCodes: string[] }
  | {
      state: 'determined';
      entryIntoForceOn: CalendarDate;
      lastNotificationOn: CalendarDate | null;
    };

function assertWholeNumber(n: number, name: string, min: number): void {
  if (!Number.isInteger(n) || n < min)
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${n}`);
}

/**
 * The entry into force of an agreement: computed from the clause, the signature and the parties'
 * notifications, never typed. A party's notification counts once (its earliest, should it have been
 * recorded twice); a notification by a state that is not a party is ignored. A notification dated
 * before the signature is refused by the caller's validation, not here: the rule only computes.
 */
export function entryIntoForce(
  clause: EntryIntoForceClause,
  signedOn: CalendarDate,
  partyCodes: readonly string[],
  notifications: readonly PartyNotification[],
): EntryIntoForce {
  if (clause.basis === 'signature') {
    return { state: 'determined', entryIntoForceOn: signedOn, lastNotificationOn: null };
  }
  const firstByParty = new Map<string, CalendarDate>();
  for (const { partyCode, notifiedOn } of notifications) {
    if (!partyCodes.includes(partyCode)) continue;
    const known = firstByParty.get(partyCode);
    if (known === undefined || compareDates(notifiedOn, known) < 0) {
      firstByParty.set(partyCode, notifiedOn);
    }
  }
  const missingPartyCodes = partyCodes.filter((code) => !firstByParty.has(code));
  if (missingPartyCodes.length > 0) return { state: 'awaiting_notifications', missingPartyCodes };
  const lastNotificationOn = [...firstByParty.values()].sort().at(-1)!;
  return {
    state: 'determined',
    entryIntoForceOn: dateAfterLastNotification(clause, lastNotificationOn),
    lastNotificationOn,
  };
}

function dateAfterLastNotification(
  clause: Exclude<EntryIntoForceClause, { basis: 'signature' }>,
  lastNotificationOn: CalendarDate,
): CalendarDate {
  if (clause.basis === 'days_after_last_notification') {
    assertWholeNumber(clause.days, 'days', 0);
    return addDays(lastNotificationOn, clause.days);
  }
  assertWholeNumber(clause.months, 'months', 1);
  const firstOfMonth = `${lastNotificationOn.slice(0, 8)}01` as CalendarDate;
  return addMonths(firstOfMonth, clause.months);
}
