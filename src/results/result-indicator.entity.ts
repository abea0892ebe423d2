import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';
import type { Disaggregation, ResultMeasure } from './result-rules';
import { numericColumn } from './numeric-column';

/** What a plan measures under one objective, against targets, from the values parties report. */
@Entity('result_indicators')
export class ResultIndicator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** Of the same plan (a composite foreign key holds it). */
  @Column({ name: 'objective_id', type: 'uuid' })
  objectiveId: string;

  /** Unique within the plan (`IND-1.1`). */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations;

  /** What a value counts (`persons`, `procedures`); empty for percentages and yes/no. */
  @Column({ type: 'varchar', length: 64, default: '' })
  unit: string;

  @Column({ type: 'varchar', length: 16 })
  measure: ResultMeasure;

  @Column({ name: 'baseline_value', ...numericColumn, nullable: true })
  baselineValue: number | null;

  @Column({ name: 'baseline_on', type: 'date', nullable: true })
  baselineOn: CalendarDate | null;

  @Column({ name: 'responsible_party_code', type: 'varchar', length: 16, nullable: true })
  responsiblePartyCode: string | null;

  /** The dimensions a value of this indicator may be broken down by. */
  @Column({ type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  disaggregations: Disaggregation[];

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
