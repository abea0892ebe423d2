import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';

export const RENEWAL_DECISIONS = ['renew', 'not_renew'] as const;
export type RenewalDecision = (typeof RENEWAL_DECISIONS)[number];

/**
 * History of an agreement's renewals and notices of non-renewal. A `renew` row extends the term;
 * the unique index on (agreement, previous expiry) makes applying the same renewal twice impossible,
 * even when two processes apply a tacit renewal at the same moment.
 */
@Entity('agreement_renewals')
@Index('UQ_agreement_renewals_term', ['agreementId', 'previousExpiresOn'], {
  unique: true,
  where: `decision = 'renew'`,
})
export class AgreementRenewal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Column({ type: 'varchar', length: 16 })
  decision: RenewalDecision;

  /** True when the system applied it because the notice deadline passed without notice. */
  @Column({ type: 'boolean', default: false })
  tacit: boolean;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn: CalendarDate;

  @Column({ name: 'term_months', type: 'int', nullable: true })
  termMonths: number | null;

  @Column({ name: 'previous_expires_on', type: 'date' })
  previousExpiresOn: CalendarDate;

  @Column({ name: 'new_expires_on', type: 'date', nullable: true })
  newExpiresOn: CalendarDate | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
