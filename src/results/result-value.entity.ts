import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from './numeric-column';
import type { BreakdownItem } from './value-rules';

/** What one party reports for one indicator and reporting period. */
@Entity('result_values')
export class ResultValue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** A reporting period key (`2025-H1`). */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'party_code', type: 'varchar', length: 16 })
  partyCode: string;

  @Column({ ...numericColumn })
  value: number;

  /** `[{ sex: 'female', age_group: '18_59', value: 12 }, …]`, summing to `value`; empty when none. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  breakdown: BreakdownItem[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
