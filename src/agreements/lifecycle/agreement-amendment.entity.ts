import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CalendarDate } from '../../common/time/calendar-date';
import type { EntryIntoForceBasis } from '../agreement.entity';
import type { AmendableTerms } from './agreement-lifecycle';

export const AMENDMENT_STATUSES = ['signed', 'abandoned'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/**
 * An amendment: a text of its own, signed on a day, entering into force by its own clause (with its
 * own notifications) or on a date it states (`typed`), and changing some terms from then on.
 * `abandoned`: it will never enter into force (changes nothing).
 */
@Entity('agreement_amendments')
export class AgreementAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'signed_on', type: 'date' })
  signedOn: CalendarDate;

  @Column({ name: 'entry_into_force_basis', type: 'varchar', length: 48 })
  entryIntoForceBasis: EntryIntoForceBasis;

  @Column({ name: 'entry_into_force_count', type: 'int', nullable: true })
  entryIntoForceCount: number | null;

  /** The date the amendment states, for the `typed` basis only. */
  @Column({ name: 'entry_into_force_on', type: 'date', nullable: true })
  entryIntoForceOn: CalendarDate | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: Partial<AmendableTerms>;

  @Column({ type: 'varchar', length: 16, default: 'signed' })
  status: AmendmentStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
