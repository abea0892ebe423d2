import {
  addDays,
  addMonths,
  CalendarDate,
  compareDates,
  daysBetween,
} from '../common/time/calendar-date';

/** Stop tacit-renewal catch-up after this many terms, so bad data cannot spin forever. */
const MAX_TACIT_RENEWALS = 1000;

function assertPositiveInteger(n: number, name: string): void {
  if (!Number.isInteger(n) || n <= 0)
    throw new RangeError(`${name} must be a positive integer, got ${n}`);
}

function assertNonNegativeInteger(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** The last year a stored date (PostgreSQL `date`, our `YYYY-MM-DD`) can have. */
export const LAST_STORABLE_YEAR = 9999;

/**
 * Whether a term of `months` from `startsOn` would end after year 9999, which no date here can hold.
 * Counted on month numbers, so it answers for any length without building the date. A term that
 * reaches 10000-01-01 exactly (its last day 9999-12-31) counts as too long: no agreement needs it.
 */
export function termEndsBeyondCalendar(startsOn: CalendarDate, months: number): boolean {
  const year = Number(startsOn.slice(0, 4));
  const month = Number(startsOn.slice(5, 7));
  const lastMonthIndex = LAST_STORABLE_YEAR * 12 + 11;
  return year * 12 + (month - 1) + months > lastMonthIndex;
}

/**
 * Last day in force of a term of `months` starting on `startsOn` (civil-law computation): the day before
 * the same calendar day `months` later; when that day does not exist in the target month, the last day
 * of that month (2024-01-31 + 1 → 2024-02-29, 2024-02-29 + 12 → 2025-02-28).
 */
export function termExpiresOn(startsOn: CalendarDate, months: number): CalendarDate {
  assertPositiveInteger(months, 'months');
  const sameDayLater = addMonths(startsOn, months);
  // addMonths clamps to month end, so a changed day-of-month means the day was missing.
  const dayWasMissing = sameDayLater.slice(8) !== startsOn.slice(8);
  return dayWasMissing ? sameDayLater : addDays(sameDayLater, -1);
}

/** Last day on which notice can still be given; null when the agreement sets no notice period. */
export function noticeDeadlineOn(
  expiresOn: CalendarDate,
  noticeDays: number | null | undefined,
): CalendarDate | null {
  if (noticeDays === null || noticeDays === undefined) return null;
  assertNonNegativeInteger(noticeDays, 'noticeDays');
  return addDays(expiresOn, -noticeDays);
}

/** 0 on the last day in force, negative once expired. */
export function daysToExpiry(expiresOn: CalendarDate, today: CalendarDate): number {
  return daysBetween(today, expiresOn);
}

export interface TermInput {
  entryIntoForceOn: CalendarDate;
  durationMonths: number;
  extendedMonths: number;
}

export interface ComputedTerm {
  expiresOn: CalendarDate;
  noticeDeadlineOn: CalendarDate | null;
  daysToExpiry: number;
}

export function computeTerm(
  input: TermInput,
  noticeDays: number | null,
  today: CalendarDate,
): ComputedTerm {
  assertNonNegativeInteger(input.extendedMonths, 'extendedMonths');
  // Always count from the original entry into force: chaining term after term would let month-end
  // clamping drift (01-31 → 02-28 → 03-28 ...).
  const expiresOn = termExpiresOn(
    input.entryIntoForceOn,
    input.durationMonths + input.extendedMonths,
  );
  return {
    expiresOn,
    noticeDeadlineOn: noticeDeadlineOn(expiresOn, noticeDays),
    daysToExpiry: daysToExpiry(expiresOn, today),
  };
}

export interface TacitRenewalParams extends TermInput {
  termMonths: number;
  noticeDays: number | null;
  today: CalendarDate;
}

/**
 * For a tacitly renewable agreement with no notice of non-renewal recorded: how many renewal terms of
 * `termMonths` must be applied now. A term renews once its notice deadline has passed (today is after
 * it); the renewed term may itself be past its deadline, hence the loop. With no notice period
 * (noticeDays null) notice may be given up to the last day in force, so the deadline is the expiry date.
 */
export function tacitRenewalsDue(params: TacitRenewalParams): number {
  const { entryIntoForceOn, durationMonths, extendedMonths, termMonths, noticeDays, today } =
    params;
  assertPositiveInteger(durationMonths, 'durationMonths');
  assertNonNegativeInteger(extendedMonths, 'extendedMonths');
  assertPositiveInteger(termMonths, 'termMonths');
  let renewals = 0;
  while (renewals < MAX_TACIT_RENEWALS) {
    const months = durationMonths + extendedMonths + renewals * termMonths;
    const expiresOn = termExpiresOn(entryIntoForceOn, months);
    const deadline = noticeDeadlineOn(expiresOn, noticeDays) ?? expiresOn;
    if (compareDates(today, deadline) <= 0) break;
    renewals += 1;
  }
  return renewals;
}

/**
 * Notice days that apply to an agreement's term: none without a renewal clause; for a tacit renewal
 * without a stated notice period, notice may be given up to the last day (0 days), so the deadline
 * still exists and the tacit renewal happens the day after expiry.
 */
export function effectiveNoticeDays(agreement: {
  renewalMode: string;
  noticeDays: number | null;
}): number | null {
  if (agreement.renewalMode === 'none') return null;
  if (agreement.renewalMode === 'tacit') return agreement.noticeDays ?? 0;
  return agreement.noticeDays;
}

/**
 * The computed dates stored on the agreement row (so reminder sweeps can range-scan them). Every write
 * that changes the term goes through this one function.
 */
export function storedTermColumns(agreement: {
  entryIntoForceOn: CalendarDate;
  durationMonths: number;
  extendedMonths: number;
  renewalMode: string;
  noticeDays: number | null;
  /** The day a standing denunciation takes effect (lifecycle/); the term ends the day before. */
  denunciationTakesEffectOn?: CalendarDate | null;
}): { expiresOn: CalendarDate; noticeDeadlineOn: CalendarDate | null } {
  // The same computation as the API's view; "today" does not matter for the stored dates.
  const { expiresOn, noticeDeadlineOn } = computeTerm(
    agreement,
    effectiveNoticeDays(agreement),
    agreement.entryIntoForceOn,
  );
  return denouncedTerm({ expiresOn, noticeDeadlineOn }, agreement.denunciationTakesEffectOn);
}

/**
 * A denounced agreement is in force until the day before its denunciation takes effect (or its own
 * term's end, if sooner), and no notice of non-renewal is due any more: the denunciation ends it.
 */
export function denouncedTerm<
  T extends { expiresOn: CalendarDate; noticeDeadlineOn: CalendarDate | null },
>(term: T, takesEffectOn: CalendarDate | null | undefined): T {
  if (takesEffectOn === null || takesEffectOn === undefined) return term;
  const lastDay = addDays(takesEffectOn, -1);
  return {
    ...term,
    expiresOn: compareDates(lastDay, term.expiresOn) < 0 ? lastDay : term.expiresOn,
    noticeDeadlineOn: null,
  };
}

/** What decides whether tacit renewals are due: the stored agreement's renewal clause and term. */
export interface TacitRenewalState extends TermInput {
  renewalMode: string;
  renewalTermMonths: number | null;
  noticeDays: number | null;
  nonRenewalNoticeOn: CalendarDate | null;
  status: string;
  /** A denounced agreement does not renew (lifecycle/). */
  denunciationTakesEffectOn?: CalendarDate | null;
}

/**
 * How many tacit renewals an agreement has due on `today` that nobody has recorded yet: none unless it
 * renews tacitly, no notice of non-renewal was given and it is in force (or already renewed).
 */
export function dueTacitRenewals(agreement: TacitRenewalState, today: CalendarDate): number {
  if (agreement.renewalMode !== 'tacit' || agreement.nonRenewalNoticeOn !== null) return 0;
  if (agreement.denunciationTakesEffectOn) return 0;
  if (agreement.status !== 'in_force' && agreement.status !== 'renewed') return 0;
  return tacitRenewalsDue({
    entryIntoForceOn: agreement.entryIntoForceOn,
    durationMonths: agreement.durationMonths,
    extendedMonths: agreement.extendedMonths,
    termMonths: agreement.renewalTermMonths ?? agreement.durationMonths,
    noticeDays: effectiveNoticeDays(agreement),
    today,
  });
}

/**
 * The agreement as it stands on `today`, without writing anything: the stored row plus the tacit
 * renewals that have fallen due since the sweep last recorded them (extended term, status `renewed`).
 * Reads use this; the reminder sweep (TacitRenewals.applyIfDue) records the same renewals later, and
 * since both count from the entry into force, the view does not move when the sweep catches up.
 */
export function effectiveAgreement<T extends TacitRenewalState>(
  agreement: T,
  today: CalendarDate,
): T {
  const due = dueTacitRenewals(agreement, today);
  if (due === 0) return agreement;
  const term = agreement.renewalTermMonths ?? agreement.durationMonths;
  return { ...agreement, extendedMonths: agreement.extendedMonths + due * term, status: 'renewed' };
}
