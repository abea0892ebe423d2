import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from './numeric-column';

/** What an indicator should reach in a year (`2025`) or a reporting period (`2025-H1`). */
@Entity('result_targets')
export class ResultTarget {
  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'target_value', ...numericColumn })
  targetValue: number;
}
