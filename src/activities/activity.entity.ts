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
import type { ActivityStatus } from './activity-rules';

export const ACTIVITY_TYPES = [
  'workshop',
  'study_visit',
  'legal_exchange',
  'capacity_building',
  'awareness',
  'data_collection',
  'meeting',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

@Entity('activities')
@Index('IDX_activities_plan_due', ['planId', 'dueOn'])
@Index('IDX_activities_plan_status_due', ['planId', 'status', 'dueOn'])
export class Activity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Title and description in other languages than the original (`{ en: { title } }`). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations;

  @Column({ type: 'varchar', length: 32 })
  type: ActivityType;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  themes: string[];

  @Column({ name: 'lead_party_code', type: 'varchar', length: 16 })
  leadPartyCode: string;

  /** Always includes the lead party. GIN-indexed for "activities my party takes part in". */
  @Column({ name: 'party_codes', type: 'varchar', array: true })
  partyCodes: string[];

  @Column({ name: 'planned_start_on', type: 'date', nullable: true })
  plannedStartOn: CalendarDate | null;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: CalendarDate;

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status: ActivityStatus;

  @Column({ name: 'progress_percent', type: 'smallint', default: 0 })
  progressPercent: number;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: CalendarDate | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Set when plan renewal carried this activity over from the previous cycle. */
  @Column({ name: 'carried_over_from_id', type: 'uuid', nullable: true })
  carriedOverFromId: string | null;

  /** Optimistic lock, checked by a conditional UPDATE (TypeORM's save() does not check it). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
