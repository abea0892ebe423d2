import type { Translations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { ActivityStatus } from '../activities/activity-rules';
import type { Actor } from '../common/auth/actor';
import { addDays, daysBetween, type CalendarDate } from '../common/time/calendar-date';
import { preparedQuery } from '../database/prepared';
import {
  NEXT_DEADLINES,
  PARTY_FIGURES,
  PLAN_FIGURES,
  planFigures,
  type Breakdown,
  type FigureRow,
} from './progress-sql';

export type { Breakdown } from './progress-sql';

export interface PlanProgress {
  planId: string;
  /** The plan's "today", in its time zone, against which overdue is reckoned. */
  today: CalendarDate;
  total: number;
  byStatus: Record<ActivityStatus, number>;
  /** Mean progressPercent over activities that are not cancelled (0 when there are none). */
  completionPercent: number;
  overdue: number;
  dueNext30Days: number;
  /**
   * Per party, its own parts: each activity the party takes part in counts once, by the state of that
   * party's part (completed when its part is; overdue when its part is open and the activity's due date
   * has passed), not by the joint status, so Morocco having done its share of a joint visit counts it
   * completed while Côte d'Ivoire, still owing its delegation, counts it open. `lead` counts the parts of
   * activities the party leads, `shared` those under another party's lead; lead + shared = the total.
   * `completionPercent` is the mean progress of the party's parts that are not cancelled.
   */
  byParty: PartyBreakdown[];
  byType: (Breakdown & { type: string })[];
  byTheme: (Breakdown & { theme: string })[];
  nextDeadlines: {
    id: string;
    title: string;
    translations: Translations;
    dueOn: CalendarDate;
    status: ActivityStatus;
    leadPartyCode: string;
    daysLeft: number;
  }[];
}

export interface PartyBreakdown extends Breakdown {
  partyCode: string;
  completionPercent: number;
  lead: Breakdown;
  shared: Breakdown;
}

type PartyRow = Breakdown & { partyCode: string; completion: string | null } & Record<
    `${'lead' | 'shared'}${'Total' | 'Completed' | 'Overdue'}`,
    number
  >;

function toPartyBreakdown(row: PartyRow): PartyBreakdown {
  return {
    partyCode: row.partyCode,
    total: row.total,
    completed: row.completed,
    overdue: row.overdue,
    completionPercent: row.completion === null ? 0 : Math.round(Number(row.completion) * 10) / 10,
    lead: { total: row.leadTotal, completed: row.leadCompleted, overdue: row.leadOverdue },
    shared: { total: row.sharedTotal, completed: row.sharedCompleted, overdue: row.sharedOverdue },
  };
}

/**
 * Progress figures of one plan, computed in PostgreSQL from two index-only reads of the plan's
 * activities and parts (progress-sql.ts).
 */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
  ) {}

  async forPlan(actor: Actor, planId: string): Promise<PlanProgress> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const today = this.plans.todayFor(plan);
    const manager = this.dataSource.manager;
    // Three fixed texts, sent as named statements: parsed and planned once per pooled connection.
    const [figureRows, byParty, next] = await Promise.all([
      preparedQuery<FigureRow>(manager, PLAN_FIGURES, [planId, today, addDays(today, 30)]),
      preparedQuery<PartyRow>(manager, PARTY_FIGURES, [planId, today]),
      preparedQuery<{
        id: string;
        title: string;
        translations: Translations;
        dueOn: string;
        status: ActivityStatus;
        leadPartyCode: string;
      }>(manager, NEXT_DEADLINES, [planId, today]),
    ]);

    const figures = planFigures(figureRows);
    const completion = figures.completion === null ? 0 : Number(figures.completion);
    return {
      planId,
      today,
      total: figures.total,
      byStatus: figures.byStatus,
      completionPercent: Math.round(completion * 10) / 10,
      overdue: figures.overdue,
      dueNext30Days: figures.dueNext30Days,
      byParty: byParty.map(toPartyBreakdown),
      byType: figures.byType,
      byTheme: figures.byTheme,
      nextDeadlines: next.map((n) => ({ ...n, daysLeft: daysBetween(today, n.dueOn) })),
    };
  }
}
