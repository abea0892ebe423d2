import { publicBase } from '../common/i18n/page-links';
import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';
import { computeTerm, daysToExpiry, denouncedTerm, effectiveNoticeDays } from './agreement-terms';
import type { LifecycleView } from './lifecycle/agreement-lifecycle';
import type { Agreement, AgreementStatus, RenewalMode } from './agreement.entity';

export interface AgreementView {
  id: string;
  kind: Agreement['kind'];
  title: string;
  /** Title (and description) in other languages; the original `title` stays as written. */
  translations: Translations;
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
  /** The published text's address, when one was recorded. */
  documentUrl: string | null;
  /**
   * Where anyone (a donor reading the IATI file) can read this agreement without an account: the
   * published text when recorded, else its public summary at an unguessable address.
   */
  publicDocumentUrl: string;
  /** The treaty side: stage, computed entry into force, notifications awaited, amendments, denunciation. */
  lifecycle?: LifecycleView;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The agreement with its computed dates, as of `today` in the agreement's zone. */
export function toAgreementView(
  agreement: Agreement,
  today: CalendarDate,
  publicUrl: string,
  lifecycle?: LifecycleView,
): AgreementView {
  // The term runs on the terms in force today (amendments apply from their own entry into force) and
  // ends early when a denunciation takes effect.
  const terms = lifecycle?.termsInForce ?? agreement;
  const computed = denouncedTerm(
    computeTerm(
      {
        entryIntoForceOn: agreement.entryIntoForceOn,
        durationMonths: terms.durationMonths,
        extendedMonths: agreement.extendedMonths,
      },
      effectiveNoticeDays(terms),
      today,
    ),
    agreement.denunciationTakesEffectOn,
  );
  const term = { ...computed, daysToExpiry: daysToExpiry(computed.expiresOn, today) };
  return {
    id: agreement.id,
    kind: agreement.kind,
    title: agreement.title,
    translations: agreement.translations ?? {},
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
    status:
      lifecycle?.stage === 'terminated'
        ? 'terminated'
        : effectiveStatus(agreement.status, term.daysToExpiry),
    timeZone: agreement.timeZone,
    ...term,
    documentUrl: agreement.documentUrl,
    publicDocumentUrl: publicDocumentUrl(agreement, publicUrl),
    ...(lifecycle && { lifecycle }),
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

/** The recorded published text, else the public summary page keyed by the agreement's random token. */
export function publicDocumentUrl(
  agreement: Pick<Agreement, 'documentUrl' | 'publicToken'>,
  publicUrl: string,
): string {
  if (agreement.documentUrl) return agreement.documentUrl;
  return `${publicBase(publicUrl)}/api/agreements/public/${agreement.publicToken}`;
}
