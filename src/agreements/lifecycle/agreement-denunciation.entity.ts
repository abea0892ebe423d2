import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDate } from '../../common/time/calendar-date';

/**
 * One party's denunciation: notified on a day, taking effect after the agreement's notice period
 * (computed when recorded, denunciation.ts). Withdrawn before it takes effect, it ends nothing.
 */
@Entity('agreement_denunciations')
export class AgreementDenunciation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Column({ name: 'party_code', type: 'varchar', length: 16 })
  partyCode: string;

  @Column({ name: 'notified_on', type: 'date' })
  notifiedOn: CalendarDate;

  @Column({ name: 'takes_effect_on', type: 'date' })
  takesEffectOn: CalendarDate;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: CalendarDate | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
