import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PLAN_HISTORY_EVENTS = [
  'renewed',
  'opened_by_renewal',
  'activities_imported',
  // src/results/: a programme manager validated or reopened a reporting period ({ period, reason }).
  'results_period_validated',
  'results_period_reopened',
] as const;
export type PlanHistoryEvent = (typeof PLAN_HISTORY_EVENTS)[number];

/** What an event records; JSON, so that each event carries what explains it. */
export type PlanHistoryDetails = Record<string, string | number | boolean | null>;

/** Append-only: one row per event in a plan's life (renewal, import). Never updated or deleted. */
@Entity('plan_history')
@Index('IDX_plan_history_plan_at', ['planId', 'at'])
export class PlanHistory {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  event: PlanHistoryEvent;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: PlanHistoryDetails;
}
