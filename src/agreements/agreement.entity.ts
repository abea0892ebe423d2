import type { Translations } from '../common/i18n/translations';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';

export const AGREEMENT_KINDS = [
  'mou',
  'agreement',
  'protocol',
  'action_plan_instrument',
  'exchange_of_letters',
  'other',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const RENEWAL_MODES = ['none', 'tacit', 'explicit'] as const;
export type RenewalMode = (typeof RENEWAL_MODES)[number];
export const AGREEMENT_STATUSES = [
  'draft',
  'in_force',
  'expired',
  'renewed',
  'terminated',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const ENTRY_INTO_FORCE_BASES = [
  'typed',
  'signature',
  'days_after_last_notification',
  'first_day_of_month_after_last_notification',
] as const;
export type EntryIntoForceBasis = (typeof ENTRY_INTO_FORCE_BASES)[number];

@Entity('agreements')
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: AgreementKind;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  /** Title and description in other languages than the original (`{ en: { title } }`). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  /**
   * Party codes, at least two. An array with a GIN index rather than a join table: membership is the
   * only question asked of it (`party_codes @> ARRAY[:code]`), and parties are never deleted.
   */
  @Index('IDX_agreements_party_codes', { synchronize: false })
  @Column({ name: 'party_codes', type: 'varchar', array: true })
  partyCodes: string[];

  @Column({ name: 'signed_on', type: 'date' })
  signedOn: CalendarDate;

  @Column({ name: 'entry_into_force_on', type: 'date' })
  entryIntoForceOn: CalendarDate;

  /**
   * How the entry into force is obtained: `typed` (the legacy mode: entryIntoForceOn as written), else
   * computed from the clause and the notifications (lifecycle/entry-into-force.ts) and stored here.
   */
  @Column({ name: 'entry_into_force_basis', type: 'varchar', length: 48, default: 'typed' })
  entryIntoForceBasis: EntryIntoForceBasis;

  /** The clause's N: days after the last notification, or the month for the first-day-of-month form. */
  @Column({ name: 'entry_into_force_count', type: 'int', nullable: true })
  entryIntoForceCount: number | null;

  /** Applied provisionally from signature until it enters into force (VCLT art. 25). */
  @Column({ name: 'provisional_application', type: 'boolean', default: false })
  provisionalApplication: boolean;

  /** The denunciation clause's notice in months; null = no clause, 12 months (VCLT art. 56(2)). */
  @Column({ name: 'denunciation_notice_months', type: 'int', nullable: true })
  denunciationNoticeMonths: number | null;

  /** Derived: the day the earliest standing denunciation takes effect (the agreement ends that day). */
  @Column({ name: 'denunciation_takes_effect_on', type: 'date', nullable: true })
  denunciationTakesEffectOn: CalendarDate | null;

  @Column({ name: 'duration_months', type: 'int' })
  durationMonths: number;

  /** Months added by renewals so far; the term runs from entry into force for duration + extension. */
  @Column({ name: 'extended_months', type: 'int', default: 0 })
  extendedMonths: number;

  @Column({ name: 'renewal_mode', type: 'varchar', length: 16 })
  renewalMode: RenewalMode;

  /** Length of one renewal; defaults to the initial duration. */
  @Column({ name: 'renewal_term_months', type: 'int', nullable: true })
  renewalTermMonths: number | null;

  @Column({ name: 'notice_days', type: 'int', nullable: true })
  noticeDays: number | null;

  /** Set when a party gave notice of non-renewal: no tacit renewal happens after it. */
  @Column({ name: 'non_renewal_notice_on', type: 'date', nullable: true })
  nonRenewalNoticeOn: CalendarDate | null;

  /** Last day in force; derived (storedTermColumns) on every write, stored for indexed sweeps. */
  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: CalendarDate;

  /** Last day to give notice; null without a renewal clause or notice period. Derived like expiresOn. */
  @Column({ name: 'notice_deadline_on', type: 'date', nullable: true })
  noticeDeadlineOn: CalendarDate | null;

  /** Stored status; `expired` is also derived when the term has run out (see agreement-view). */
  @Column({ type: 'varchar', length: 16, default: 'in_force' })
  status: AgreementStatus;

  /** Zone in which "today" is reckoned for this agreement's dates. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Africa/Casablanca' })
  timeZone: string;

  /** Where the signed text is published, if it is (http or https); the IATI file links to it. */
  @Column({ name: 'document_url', type: 'varchar', length: 2048, nullable: true })
  documentUrl: string | null;

  /**
   * Random key of the agreement's public summary (`/api/agreements/public/<token>`), which donors
   * reading the IATI file can open without an account. Generated by the database; never the id.
   */
  @Column({ name: 'public_token', type: 'varchar', length: 64, insert: false, update: false })
  publicToken: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
