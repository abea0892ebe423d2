import { countedInCompletionSql, openStatusSql } from '../activities/activity-sql';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../activities/activity-rules';

/**
 * The statements of a plan's progress and what turns their rows into figures. Two aggregates read the
 * plan's rows, each from one index in its own order (migration 1795950000100-ProgressFigures), so
 * neither visits the table nor sorts the plan's rows:
 *
 * - PLAN_FIGURES: the activities grouped by (themes, type, status) as IDX_activities_plan_breakdown
 *   holds them, counting per group those due before today ($2) and those due within 30 days ($2…$3);
 *   the few groups are then rolled up in the same statement into the plan's totals (kind 'plan'), per
 *   status, per type and per theme (a group's themes unnested: an activity counts once per theme).
 * - PARTY_FIGURES: the parts grouped by (party, status) as IDX_activity_parts_plan_figures holds them,
 *   with the copies of their activity's due date and lead (is_lead) that the index carries, rolled up
 *   per party.
 *
 * Overdue is the activities' rule (activity-sql.ts overdueSql): open and due before today, split here
 * into the due-date count taken per group and the open-status test applied to the group's status.
 * Completion is the mean progress of what is not cancelled: sum / count, the same numeric division
 * avg() makes, so the figure's text is the same as avg's.
 */

/** Sums of a group's counts (`n`, `past`, `soon`, `progress` of alias c) as plan, status, type or theme figures. */
const FIGURE_COLUMNS = `coalesce(sum(c.n), 0)::int AS total,
       coalesce(sum(c.n) FILTER (WHERE c.status = 'completed'), 0)::int AS completed,
       coalesce(sum(c.past) FILTER (WHERE ${openStatusSql('c')}), 0)::int AS overdue,
       coalesce(sum(c.soon) FILTER (WHERE ${openStatusSql('c')}), 0)::int AS due30,
       sum(c.progress) FILTER (WHERE ${countedInCompletionSql('c')})
         / sum(c.n) FILTER (WHERE ${countedInCompletionSql('c')}) AS completion`;

/** $1 the plan, $2 its today, $3 today + 30 days. Rows ordered by kind, then key. */
export const PLAN_FIGURES = `WITH c AS MATERIALIZED (
  SELECT a.themes, a.type, a.status, count(*) AS n,
         count(*) FILTER (WHERE a.due_on < $2) AS past,
         count(*) FILTER (WHERE a.due_on BETWEEN $2 AND $3) AS soon,
         sum(a.progress_percent) AS progress
    FROM activities a WHERE a.plan_id = $1
   GROUP BY a.themes, a.type, a.status)
SELECT CASE WHEN grouping(c.status) = 0 THEN 'status'
            WHEN grouping(c.type) = 0 THEN 'type' ELSE 'plan' END AS kind,
       coalesce(c.status, c.type) AS key,
       ${FIGURE_COLUMNS}
  FROM c GROUP BY GROUPING SETS ((), (c.status), (c.type))
UNION ALL
SELECT 'theme', t.theme,
       ${FIGURE_COLUMNS}
  FROM c CROSS JOIN LATERAL unnest(c.themes) AS t(theme) GROUP BY t.theme
ORDER BY 1, 2`;

/**
 * Total and completed of a party's lead or shared parts: `column` is the count of those parts in each
 * (party, status) group of alias p (`p.lead`, or `p.n - p.lead` for the shared ones).
 */
function partySums(column: string, prefix: string): string {
  return `coalesce(sum(${column}), 0)::int AS "${prefix}Total",
       coalesce(sum(${column}) FILTER (WHERE p.status = 'completed'), 0)::int AS "${prefix}Completed"`;
}

/** $1 the plan, $2 its today. One row per party, ordered by party code. */
export const PARTY_FIGURES = `SELECT p.party_code AS "partyCode",
       sum(p.n)::int AS total,
       coalesce(sum(p.n) FILTER (WHERE p.status = 'completed'), 0)::int AS completed,
       coalesce(sum(p.past) FILTER (WHERE ${openStatusSql('p')}), 0)::int AS overdue,
       sum(p.progress) FILTER (WHERE ${countedInCompletionSql('p')})
         / sum(p.n) FILTER (WHERE ${countedInCompletionSql('p')}) AS completion,
       ${partySums('p.lead', 'lead')},
       coalesce(sum(p.lead_past) FILTER (WHERE ${openStatusSql('p')}), 0)::int AS "leadOverdue",
       ${partySums('p.n - p.lead', 'shared')},
       coalesce(sum(p.past - p.lead_past) FILTER (WHERE ${openStatusSql('p')}), 0)::int AS "sharedOverdue"
  FROM (SELECT ap.party_code, ap.status, count(*) AS n,
               count(*) FILTER (WHERE ap.is_lead) AS lead,
               count(*) FILTER (WHERE ap.due_on < $2) AS past,
               count(*) FILTER (WHERE ap.is_lead AND ap.due_on < $2) AS lead_past,
               sum(ap.progress_percent) AS progress
          FROM activity_parts ap WHERE ap.plan_id = $1
         GROUP BY ap.party_code, ap.status) p
 GROUP BY p.party_code ORDER BY p.party_code`;

/** $1 the plan, $2 its today: the next 10 open activities due from today on. */
export const NEXT_DEADLINES = `SELECT id, title, translations, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
                lead_party_code AS "leadPartyCode"
           FROM activities a
          WHERE a.plan_id = $1 AND ${openStatusSql('a')} AND a.due_on >= $2
          ORDER BY a.due_on, a.title LIMIT 10`;

export interface Breakdown {
  total: number;
  completed: number;
  overdue: number;
}

/** A row of PLAN_FIGURES. */
export interface FigureRow extends Breakdown {
  kind: 'plan' | 'status' | 'type' | 'theme';
  key: string | null;
  due30: number;
  completion: string | null;
}

export interface PlanFigures {
  total: number;
  byStatus: Record<ActivityStatus, number>;
  /** The mean progress of the activities not cancelled, unrounded (null when there are none). */
  completion: string | null;
  overdue: number;
  dueNext30Days: number;
  byType: (Breakdown & { type: string })[];
  byTheme: (Breakdown & { theme: string })[];
}

/** PLAN_FIGURES' rows as the plan's figures; types and themes stay in the statement's order. */
export function planFigures(rows: FigureRow[]): PlanFigures {
  const byStatus = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<
    ActivityStatus,
    number
  >;
  // GROUPING SETS always answers the () set, even over no activity.
  const plan = rows.find((r) => r.kind === 'plan');
  const figures: PlanFigures = {
    total: plan?.total ?? 0,
    byStatus,
    completion: plan?.completion ?? null,
    overdue: plan?.overdue ?? 0,
    dueNext30Days: plan?.due30 ?? 0,
    byType: [],
    byTheme: [],
  };
  for (const { kind, key, total, completed, overdue } of rows) {
    if (kind === 'status') byStatus[key as ActivityStatus] = total;
    else if (kind === 'type') figures.byType.push({ type: key!, total, completed, overdue });
    else if (kind === 'theme') figures.byTheme.push({ theme: key!, total, completed, overdue });
  }
  return figures;
}
