import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from './numeric-column';
import type { BreakdownItem } from './value-rules';

/** Append-only: one row per change of a value, its first report included. */
@Entity('result_value_history')
export class ResultValueHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'value_id', type: 'uuid' })
  valueId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Kept when the account is deleted (actor_id becomes null). */
  @Column({ name: 'actor_email', type: 'varchar', length: 320, nullable: true })
  actorEmail: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'from_value', ...numericColumn, nullable: true })
  fromValue: number | null;

  @Column({ name: 'to_value', ...numericColumn })
  toValue: number;

  @Column({ name: 'from_breakdown', type: 'jsonb', nullable: true })
  fromBreakdown: BreakdownItem[] | null;

  @Column({ name: 'to_breakdown', type: 'jsonb' })
  toBreakdown: BreakdownItem[];

  @Column({ name: 'from_note', type: 'text', nullable: true })
  fromNote: string | null;

  @Column({ name: 'to_note', type: 'text', nullable: true })
  toNote: string | null;

  /** Required when the period was validated at the time of the change. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'period_validated', type: 'boolean', default: false })
  periodValidated: boolean;
}
