import type { CalendarDate } from '../common/time/calendar-date';
import { computeTerm, effectiveNoticeDays } from './agreement-terms';
import type { Agreement, AgreementStatus, RenewalMode } from './agreement.entity';

export interface AgreementView {
  id: string;
  kind: Agreement['kind'];
  title: string;
  reference: string | null;
  partyCodes: string[];
  signedOn: CalendarDate;
  entryIntoForceOn: CalendarDate;
  durationMonths: number;
  renewal: { mode: RenewalMode; termMonths: number; noticeDays: number | null };
  /** Months added by renewals so far. */
  extendedMonths: number;
  nonRenewalNoticeOn: CalendarDate | null;
  status: AgreementStatus;
  timeZone: string;
  expiresOn: CalendarDate;
  noticeDeadlineOn: CalendarDate | null;
  daysToExpiry: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The agreement with its computed dates, as of `today` in the agreement's zone. */
export function toAgreementView(agreement: Agreement, today: CalendarDate): AgreementView {
  const term = computeTerm(
    {
      entryIntoForceOn: agreement.entryIntoForceOn,
      durationMonths: agreement.durationMonths,
      extendedMonths: agreement.extendedMonths,
    },
    effectiveNoticeDays(agreement),
    today,
  );
  return {
    id: agreement.id,
    kind: agreement.kind,
    title: agreement.title,
    reference: agreement.reference,
    partyCodes: agreement.partyCodes,
    signedOn: agreement.signedOn,
    entryIntoForceOn: agreement.entryIntoForceOn,
    durationMonths: agreement.durationMonths,
    renewal: {
      mode: agreement.renewalMode,
      termMonths: agreement.renewalTermMonths ?? agreement.durationMonths,
      noticeDays: agreement.noticeDays,
    },
    extendedMonths: agreement.extendedMonths,
    nonRenewalNoticeOn: agreement.nonRenewalNoticeOn,
    status: effectiveStatus(agreement.status, term.daysToExpiry),
    timeZone: agreement.timeZone,
    ...term,
    version: agreement.version,
    createdAt: agreement.createdAt,
    updatedAt: agreement.updatedAt,
  };
}

/** An agreement in force whose last day has passed is expired, whether or not anyone recorded it. */
export function effectiveStatus(stored: AgreementStatus, daysToExpiry: number): AgreementStatus {
  if ((stored === 'in_force' || stored === 'renewed') && daysToExpiry < 0) return 'expired';
  return stored;
}
