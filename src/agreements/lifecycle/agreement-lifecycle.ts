import { CalendarDate, compareDates } from '../../common/time/calendar-date';
import { storedTermColumns } from '../agreement-terms';
import type { AgreementStatus, EntryIntoForceBasis, RenewalMode } from '../agreement.entity';
import { termsInForceOn } from './amended-terms';
import {
  entryIntoForce,
  type EntryIntoForce,
  type EntryIntoForceClause,
  type PartyNotification,
} from './entry-into-force';
import { lifecycleStageOn, type LifecycleStage } from './lifecycle-stage';

/**
 * The wiring between the stored records (agreement row, notifications, amendments, denunciations) and
 * the pure rules beside this file. Everything here is pure: the service loads the rows, calls
 * `storedLifecycleColumns` in the transaction that changed them, and `lifecycleOn` for reads.
 */

/** The terms an amendment may change (the rest of the agreement is its text, not its arithmetic). */
export interface AmendableTerms {
  durationMonths: number;
  renewalMode: RenewalMode;
  renewalTermMonths: number | null;
  noticeDays: number | null;
}
export const AMENDABLE_TERMS = [
  'durationMonths',
  'renewalMode',
  'renewalTermMonths',
  'noticeDays',
] as const satisfies readonly (keyof AmendableTerms)[];

export interface LifecycleAgreement extends AmendableTerms {
  signedOn: CalendarDate;
  partyCodes: string[];
  /** The stored date: the typed one in the legacy mode, else the last computed one. */
  entryIntoForceOn: CalendarDate;
  entryIntoForceBasis: EntryIntoForceBasis;
  entryIntoForceCount: number | null;
  provisionalApplication: boolean;
  denunciationNoticeMonths: number | null;
  extendedMonths: number;
  status: AgreementStatus;
}

export interface LifecycleNotification extends PartyNotification {
  amendmentId: string | null;
}

export interface LifecycleAmendment {
  id: string;
  signedOn: CalendarDate;
  entryIntoForceBasis: EntryIntoForceBasis;
  entryIntoForceCount: number | null;
  entryIntoForceOn: CalendarDate | null;
  changes: Partial<AmendableTerms>;
  status: 'signed' | 'abandoned';
}

export interface LifecycleDenunciation {
  id: string;
  partyCode: string;
  notifiedOn: CalendarDate;
  takesEffectOn: CalendarDate;
  withdrawnOn: CalendarDate | null;
}

export interface LifecycleRecords {
  notifications: readonly LifecycleNotification[];
  amendments: readonly LifecycleAmendment[];
  denunciations: readonly LifecycleDenunciation[];
}

/** The clause a basis and count stand for; null for the legacy typed date. */
export function clauseOf(
  basis: EntryIntoForceBasis,
  count: number | null,
): EntryIntoForceClause | null {
  switch (basis) {
    case 'typed':
      return null;
    case 'signature':
      return { basis: 'signature' };
    case 'days_after_last_notification':
      return { basis, days: count ?? 0 };
    case 'first_day_of_month_after_last_notification':
      return { basis, months: count ?? 1 };
  }
}

/** The agreement's own entry into force: its typed date (legacy) or computed from its notifications. */
export function agreementEntryIntoForce(
  agreement: Pick<
    LifecycleAgreement,
    'signedOn' | 'partyCodes' | 'entryIntoForceOn' | 'entryIntoForceBasis' | 'entryIntoForceCount'
  >,
  notifications: readonly LifecycleNotification[],
): EntryIntoForce {
  const clause = clauseOf(agreement.entryIntoForceBasis, agreement.entryIntoForceCount);
  if (clause === null) {
    return {
      state: 'determined',
      entryIntoForceOn: agreement.entryIntoForceOn,
      lastNotificationOn: null,
    };
  }
  return entryIntoForce(
    clause,
    agreement.signedOn,
    agreement.partyCodes,
    notifications.filter((n) => n.amendmentId === null),
  );
}

/** An amendment's entry into force, or null while it awaits notifications (or was abandoned). */
export function amendmentEntryIntoForce(
  amendment: LifecycleAmendment,
  partyCodes: readonly string[],
  notifications: readonly LifecycleNotification[],
): EntryIntoForce | null {
  if (amendment.status === 'abandoned') return null;
  const clause = clauseOf(amendment.entryIntoForceBasis, amendment.entryIntoForceCount);
  if (clause === null) {
    return amendment.entryIntoForceOn === null
      ? null
      : {
          state: 'determined',
          entryIntoForceOn: amendment.entryIntoForceOn,
          lastNotificationOn: null,
        };
  }
  return entryIntoForce(
    clause,
    amendment.signedOn,
    partyCodes,
    notifications.filter((n) => n.amendmentId === amendment.id),
  );
}

const determinedOn = (eif: EntryIntoForce | null): CalendarDate | null =>
  eif?.state === 'determined' ? eif.entryIntoForceOn : null;

/** The original terms with every amendment in force by `day` applied (amended-terms.ts). */
export function amendedTermsOn(
  agreement: LifecycleAgreement,
  records: LifecycleRecords,
  day: CalendarDate,
): AmendableTerms {
  const original: AmendableTerms = {
    durationMonths: agreement.durationMonths,
    renewalMode: agreement.renewalMode,
    renewalTermMonths: agreement.renewalTermMonths,
    noticeDays: agreement.noticeDays,
  };
  return termsInForceOn(
    original,
    records.amendments.map((a) => ({
      id: a.id,
      entryIntoForceOn: determinedOn(
        amendmentEntryIntoForce(a, agreement.partyCodes, records.notifications),
      ),
      changes: a.changes,
    })),
    day,
  );
}

/** The day the earliest standing (not withdrawn) denunciation takes effect, or null. */
export function standingDenunciation(
  denunciations: readonly LifecycleDenunciation[],
): LifecycleDenunciation | null {
  return (
    denunciations
      .filter((d) => d.withdrawnOn === null)
      .sort((a, b) => compareDates(a.takesEffectOn, b.takesEffectOn))[0] ?? null
  );
}

/** The day after which no amendment or term can matter for the stored columns. */
const END_OF_CALENDAR: CalendarDate = '9999-12-31';

export interface StoredLifecycleColumns {
  entryIntoForceOn: CalendarDate;
  expiresOn: CalendarDate;
  noticeDeadlineOn: CalendarDate | null;
  denunciationTakesEffectOn: CalendarDate | null;
  status: AgreementStatus;
}

/**
 * The agreement row's derived columns after a notification, amendment or denunciation changed, written
 * in the same transaction (the sweeps and renewals read them):
 * - entry into force: computed; while notifications are missing, the signature stands in (the term
 *   of a provisionally applied text runs from it) and the status is `draft` unless provisionally
 *   applied, so that no expiry or renewal reminder runs for a text not in force;
 * - the term: storedTermColumns on the terms as amended by every amendment that has a date (the
 *   sweeps plan ahead on the final terms; reads apply each amendment from its own date);
 * - a denunciation ends the agreement the day it takes effect: the last day in force is the day before
 *   (notified 1 March 2026, twelve months: in force until 28 February 2027, ended on 1 March 2027),
 *   and no notice of non-renewal is due any more.
 * The legacy typed mode keeps its status as recorded; a computed one moves only between draft and
 * in force (renewed or terminated stays what someone recorded).
 */
export function storedLifecycleColumns(
  agreement: LifecycleAgreement,
  records: LifecycleRecords,
): StoredLifecycleColumns {
  const eif = agreementEntryIntoForce(agreement, records.notifications);
  const entryIntoForceOn = determinedOn(eif) ?? agreement.signedOn;
  const terms = amendedTermsOn(agreement, records, END_OF_CALENDAR);
  const denunciation = standingDenunciation(records.denunciations);
  const term = storedTermColumns({
    ...terms,
    entryIntoForceOn,
    extendedMonths: agreement.extendedMonths,
    denunciationTakesEffectOn: denunciation?.takesEffectOn ?? null,
  });
  let status = agreement.status;
  if (agreement.entryIntoForceBasis !== 'typed' && (status === 'draft' || status === 'in_force')) {
    status = eif.state === 'determined' || agreement.provisionalApplication ? 'in_force' : 'draft';
  }
  return {
    entryIntoForceOn,
    ...term,
    denunciationTakesEffectOn: denunciation?.takesEffectOn ?? null,
    status,
  };
}

export interface AmendmentState {
  id: string;
  entryIntoForceOn: CalendarDate | null;
  awaitingNotificationFrom: string[];
  inForce: boolean;
}

/** What the view says of the lifecycle on `today`. */
export interface LifecycleView {
  stage: LifecycleStage;
  clause: { basis: EntryIntoForceBasis; count: number | null };
  /** Computed (or typed in the legacy mode); null while a notification is missing. */
  entryIntoForceOn: CalendarDate | null;
  lastNotificationOn: CalendarDate | null;
  awaitingNotificationFrom: string[];
  provisionalApplication: boolean;
  /** The denunciation clause in months; null = none, twelve months apply (VCLT art. 56(2)). */
  denunciationNoticeMonths: number | null;
  /** The standing denunciation that ends the agreement first, if any. */
  denunciation: LifecycleDenunciation | null;
  /** The day the agreement ends by denunciation (it is no longer in force that day). */
  endsOn: CalendarDate | null;
  amendments: AmendmentState[];
  /** The terms as amended by the amendments in force today. */
  termsInForce: AmendableTerms;
}

export function lifecycleOn(
  agreement: LifecycleAgreement,
  records: LifecycleRecords,
  today: CalendarDate,
): LifecycleView {
  const eif = agreementEntryIntoForce(agreement, records.notifications);
  const denunciation = standingDenunciation(records.denunciations);
  return {
    stage: lifecycleStageOn(
      {
        signedOn: agreement.signedOn,
        provisionalApplication: agreement.provisionalApplication,
        entryIntoForce: eif,
        denunciationTakesEffectOn: denunciation?.takesEffectOn ?? null,
      },
      today,
    ),
    clause: { basis: agreement.entryIntoForceBasis, count: agreement.entryIntoForceCount },
    entryIntoForceOn: determinedOn(eif),
    lastNotificationOn: eif.state === 'determined' ? eif.lastNotificationOn : null,
    awaitingNotificationFrom: eif.state === 'awaiting_notifications' ? eif.missingPartyCodes : [],
    provisionalApplication: agreement.provisionalApplication,
    denunciationNoticeMonths: agreement.denunciationNoticeMonths,
    denunciation,
    endsOn: denunciation?.takesEffectOn ?? null,
    amendments: records.amendments.map((a) => {
      const amendmentEif = amendmentEntryIntoForce(a, agreement.partyCodes, records.notifications);
      const on = determinedOn(amendmentEif);
      return {
        id: a.id,
        entryIntoForceOn: on,
        awaitingNotificationFrom:
          amendmentEif?.state === 'awaiting_notifications' ? amendmentEif.missingPartyCodes : [],
        inForce: on !== null && compareDates(on, today) <= 0,
      };
    }),
    termsInForce: amendedTermsOn(agreement, records, today),
  };
}
