import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';
import type { ActivityStatus } from '../activities/activity-rules';

/**
 * One row of a meeting's baseline: an activity (partyCode null) or one party's part of it, as it stood
 * when the meeting was held. Written once, never updated.
 */
@Entity('meeting_baselines')
export class MeetingBaselineRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  /** No foreign key: a deleted activity stays in the baselines it was part of. */
  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Column({ name: 'party_code', type: 'varchar', length: 16, nullable: true })
  partyCode: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations;

  @Column({ type: 'varchar', length: 16 })
  status: ActivityStatus;

  @Column({ name: 'progress_percent', type: 'smallint' })
  progressPercent: number;

  /** The activity's due date (parts have none of their own: null on part rows). */
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: CalendarDate | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: CalendarDate | null;
}
