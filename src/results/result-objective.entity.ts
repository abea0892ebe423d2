import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Translations } from '../common/i18n/translations';

/** One objective of a plan's results framework, usually one of its themes (victim support…). */
@Entity('result_objectives')
export class ResultObjective {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** Short and unique within the plan (`OS1`). */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** The activity theme it serves (`victim_support`), if any. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  theme: string | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations;

  @Column({ type: 'int', default: 0 })
  position: number;

  /** Optimistic lock, checked by a conditional UPDATE (TypeORM's save() does not check it). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
