import type { Translations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../activities/activity-rules';
import type { Actor } from '../common/auth/actor';
import { addDays, daysBetween, type CalendarDate } from '../common/time/calendar-date';
import { countedInCompletionSql, openStatusSql, overdueSql } from '../activities/activity-sql';

export interface Breakdown {
  total: number;
  completed: number;
  overdue: number;
}

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

// Reused by each breakdown: $2 is the plan's today.
const BREAKDOWN_COLUMNS = `
  count(*)::int AS total,
  count(*) FILTER (WHERE a.status = 'completed')::int AS completed,
  count(*) FILTER (WHERE ${overdueSql('a', '$2')})::int AS overdue`;

/**
 * The breakdown columns over the parts (`ap`, of activity `a`) that match `condition`, named
 * `<prefix>Total` etc.: a part is completed or overdue by its own status, against its activity's due date.
 */
function partBreakdownColumns(condition: string, prefix: string): string {
  return `count(*) FILTER (WHERE ${condition})::int AS "${prefix}Total",
    count(*) FILTER (WHERE ${condition} AND ap.status = 'completed')::int AS "${prefix}Completed",
    count(*) FILTER (WHERE ${condition} AND ${openStatusSql('ap')}
                       AND a.due_on < $2)::int AS "${prefix}Overdue"`;
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

/** Progress figures of one plan, computed in PostgreSQL with indexed scans of the plan's activities. */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
  ) {}

  async forPlan(actor: Actor, planId: string): Promise<PlanProgress> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const today = this.plans.todayFor(plan);
    const in30 = addDays(today, 30);
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query<T[]>(sql, params);

    const [totals, statuses, byParty, byType, byTheme, next] = await Promise.all([
      q<{ total: number; overdue: number; due30: number; completion: string | null }>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE ${overdueSql('a', '$2')})::int AS overdue,
                count(*) FILTER (WHERE ${openStatusSql('a')} AND a.due_on BETWEEN $2 AND $3)::int AS due30,
                avg(a.progress_percent) FILTER (WHERE ${countedInCompletionSql('a')}) AS completion
           FROM activities a WHERE a.plan_id = $1`,
        [planId, today, in30],
      ),
      q<{ status: ActivityStatus; n: number }>(
        `SELECT status, count(*)::int AS n FROM activities WHERE plan_id = $1 GROUP BY status`,
        [planId],
      ),
      q<PartyRow>(
        `SELECT ap.party_code AS "partyCode",
                count(*)::int AS total,
                count(*) FILTER (WHERE ap.status = 'completed')::int AS completed,
                count(*) FILTER (WHERE ${openStatusSql('ap')}
                                   AND a.due_on < $2)::int AS overdue,
                avg(ap.progress_percent) FILTER (WHERE ${countedInCompletionSql('ap')}) AS completion,
                ${partBreakdownColumns('a.lead_party_code = ap.party_code', 'lead')},
                ${partBreakdownColumns('a.lead_party_code <> ap.party_code', 'shared')}
           FROM activities a JOIN activity_parts ap ON ap.activity_id = a.id
          WHERE a.plan_id = $1 GROUP BY ap.party_code ORDER BY ap.party_code`,
        [planId, today],
      ),
      q<Breakdown & { type: string }>(
        `SELECT a.type, ${BREAKDOWN_COLUMNS} FROM activities a
          WHERE a.plan_id = $1 GROUP BY a.type ORDER BY a.type`,
        [planId, today],
      ),
      q<Breakdown & { theme: string }>(
        `SELECT t.theme, ${BREAKDOWN_COLUMNS}
           FROM activities a CROSS JOIN LATERAL unnest(a.themes) AS t(theme)
          WHERE a.plan_id = $1 GROUP BY t.theme ORDER BY t.theme`,
        [planId, today],
      ),
      q<{
        id: string;
        title: string;
        translations: Translations;
        dueOn: string;
        status: ActivityStatus;
        leadPartyCode: string;
      }>(
        `SELECT id, title, translations, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
                lead_party_code AS "leadPartyCode"
           FROM activities
          WHERE plan_id = $1 AND status NOT IN ('completed','cancelled') AND due_on >= $2
          ORDER BY due_on, title LIMIT 10`,
        [planId, today],
      ),
    ]);

    const byStatus = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<
      ActivityStatus,
      number
    >;
    for (const row of statuses) byStatus[row.status] = row.n;
    const completion = totals[0].completion === null ? 0 : Number(totals[0].completion);
    return {
      planId,
      today,
      total: totals[0].total,
      byStatus,
      completionPercent: Math.round(completion * 10) / 10,
      overdue: totals[0].overdue,
      dueNext30Days: totals[0].due30,
      byParty: byParty.map(toPartyBreakdown),
      byType,
      byTheme,
      nextDeadlines: next.map((n) => ({ ...n, daysLeft: daysBetween(today, n.dueOn) })),
    };
  }
}
