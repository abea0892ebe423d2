import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDate } from '../../common/time/calendar-date';

/**
 * A party's notification that its internal procedures for entry into force are complete: of the
 * agreement itself (amendmentId null) or of one of its amendments. One per party and text (unique
 * partial indexes); a wrong one is deleted and recorded again.
 */
@Entity('agreement_notifications')
export class AgreementNotification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Column({ name: 'amendment_id', type: 'uuid', nullable: true })
  amendmentId: string | null;

  @Column({ name: 'party_code', type: 'varchar', length: 16 })
  partyCode: string;

  @Column({ name: 'notified_on', type: 'date' })
  notifiedOn: CalendarDate;

  /** The note verbale's number, for instance. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
