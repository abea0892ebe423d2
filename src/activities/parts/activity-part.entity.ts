import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDate } from '../../common/time/calendar-date';
import type { ActivityStatus } from '../activity-rules';

/**
 * One party's part of an activity: what that country has done of it. The activity's own status and
 * progress are rolled up from its parts (part-rollup.ts) in the transaction that changes a part.
 */
@Entity('activity_parts')
export class ActivityPart {
  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @PrimaryColumn({ name: 'party_code', type: 'varchar', length: 16 })
  partyCode: string;

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status: ActivityStatus;

  @Column({ name: 'progress_percent', type: 'smallint', default: 0 })
  progressPercent: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: CalendarDate | null;

  /** Optimistic lock of this part alone: two countries can report at once without conflicting. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
