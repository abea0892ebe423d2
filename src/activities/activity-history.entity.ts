import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A field's value as recorded in history (JSON). */
export type HistoryValue = string | number | boolean | string[] | null;

/** Append-only: one row per changed field of an accepted update. Never updated or deleted. */
@Entity('activity_history')
@Index('IDX_activity_history_activity_at', ['activityId', 'at'])
export class ActivityHistory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail: string | null;

  /** From the injected clock, like every other instant the service writes. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  field: string;

  @Column({ name: 'from_value', type: 'jsonb', nullable: true })
  fromValue: HistoryValue;

  @Column({ name: 'to_value', type: 'jsonb', nullable: true })
  toValue: HistoryValue;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
