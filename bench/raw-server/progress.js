'use strict';
/**
 * Plan progress and the dashboard in the raw baseline: the same SQL text as
 * src/progress/progress-sql.ts and src/progress/dashboard.service.ts, sent through plain `pg`.
 *
 * Keep in step: Accords builds these statements from the fragments of src/activities/activity-sql.ts
 * (openStatusSql, overdueSql, countedInCompletionSql); the baseline imports nothing from src/, so the
 * text below is those templates written out, line breaks and indentation included (the indentation is
 * that of the TypeScript source: it is part of the text PostgreSQL receives). `npm run bench` checks the
 * two still send the same text (bench/lib/sql-sync.js) before it times anything.
 */
const { scopeCondition } = require('./auth');
const { addDays, daysBetween, todayIn } = require('./dates');

const STATUSES = ['planned', 'in_progress', 'completed', 'postponed', 'cancelled'];

const OPEN = `IN ('planned', 'in_progress', 'postponed')`;
// progress-sql.ts FIGURE_COLUMNS, openStatusSql('c') and countedInCompletionSql('c') written out.
const FIGURE_COLUMNS = `coalesce(sum(c.n), 0)::int AS total,
       coalesce(sum(c.n) FILTER (WHERE c.status = 'completed'), 0)::int AS completed,
       coalesce(sum(c.past) FILTER (WHERE c.status ${OPEN}), 0)::int AS overdue,
       coalesce(sum(c.soon) FILTER (WHERE c.status ${OPEN}), 0)::int AS due30,
       sum(c.progress) FILTER (WHERE c.status <> 'cancelled')
         / sum(c.n) FILTER (WHERE c.status <> 'cancelled') AS completion`;
// progress-sql.ts PLAN_FIGURES: the plan's activities grouped in index order, rolled up by kind.
const PLAN_FIGURES = `WITH c AS MATERIALIZED (
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
// progress-sql.ts PARTY_FIGURES: the plan's parts grouped by (party, status) in index order.
const PARTY_FIGURES = `SELECT p.party_code AS "partyCode",
       sum(p.n)::int AS total,
       coalesce(sum(p.n) FILTER (WHERE p.status = 'completed'), 0)::int AS completed,
       coalesce(sum(p.past) FILTER (WHERE p.status ${OPEN}), 0)::int AS overdue,
       sum(p.progress) FILTER (WHERE p.status <> 'cancelled')
         / sum(p.n) FILTER (WHERE p.status <> 'cancelled') AS completion,
       coalesce(sum(p.lead), 0)::int AS "leadTotal",
       coalesce(sum(p.lead) FILTER (WHERE p.status = 'completed'), 0)::int AS "leadCompleted",
       coalesce(sum(p.lead_past) FILTER (WHERE p.status ${OPEN}), 0)::int AS "leadOverdue",
       coalesce(sum(p.n - p.lead), 0)::int AS "sharedTotal",
       coalesce(sum(p.n - p.lead) FILTER (WHERE p.status = 'completed'), 0)::int AS "sharedCompleted",
       coalesce(sum(p.past - p.lead_past) FILTER (WHERE p.status ${OPEN}), 0)::int AS "sharedOverdue"
  FROM (SELECT ap.party_code, ap.status, count(*) AS n,
               count(*) FILTER (WHERE ap.is_lead) AS lead,
               count(*) FILTER (WHERE ap.due_on < $2) AS past,
               count(*) FILTER (WHERE ap.is_lead AND ap.due_on < $2) AS lead_past,
               sum(ap.progress_percent) AS progress
          FROM activity_parts ap WHERE ap.plan_id = $1
         GROUP BY ap.party_code, ap.status) p
 GROUP BY p.party_code ORDER BY p.party_code`;
const NEXT = `SELECT id, title, translations, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
                lead_party_code AS "leadPartyCode"
           FROM activities a
          WHERE a.plan_id = $1 AND a.status ${OPEN} AND a.due_on >= $2
          ORDER BY a.due_on, a.title LIMIT 10`;

/** progress-sql.ts planFigures: PLAN_FIGURES' rows as totals, by status, by type, by theme. */
function planFigures(rows) {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const plan = rows.find((r) => r.kind === 'plan');
  const figures = {
    total: plan?.total ?? 0,
    byStatus,
    completion: plan?.completion ?? null,
    overdue: plan?.overdue ?? 0,
    dueNext30Days: plan?.due30 ?? 0,
    byType: [],
    byTheme: [],
  };
  for (const { kind, key, total, completed, overdue } of rows) {
    if (kind === 'status') byStatus[key] = total;
    else if (kind === 'type') figures.byType.push({ type: key, total, completed, overdue });
    else if (kind === 'theme') figures.byTheme.push({ theme: key, total, completed, overdue });
  }
  return figures;
}

/** progress.service.ts toPartyBreakdown: same keys in the same order. */
function partyBreakdown(r) {
  return {
    partyCode: r.partyCode,
    total: r.total,
    completed: r.completed,
    overdue: r.overdue,
    completionPercent: r.completion === null ? 0 : Math.round(Number(r.completion) * 10) / 10,
    lead: { total: r.leadTotal, completed: r.leadCompleted, overdue: r.leadOverdue },
    shared: { total: r.sharedTotal, completed: r.sharedCompleted, overdue: r.sharedOverdue },
  };
}

/** dashboard.service.ts: the page of plans with their figures, `where` the scope condition. */
const dashboardCount = (
  where,
) => `SELECT count(*)::int AS n FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
        WHERE $1::timestamptz IS NOT NULL AND ${where}`;
const dashboardRows = (where, limit, offset) => `WITH visible AS (
         SELECT p.*, ag.title AS agreement_title, ag.translations AS agreement_translations,
                (($1::timestamptz) AT TIME ZONE p.time_zone)::date AS today
           FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
          WHERE ${where}
          ORDER BY p.starts_on DESC, p.id
          LIMIT ${limit} OFFSET ${offset})
       SELECT v.id AS "planId", v.title AS "planTitle", v.agreement_id AS "agreementId",
              v.agreement_title AS "agreementTitle", v.party_codes AS "partyCodes",
              v.translations AS "planTranslations",
              v.agreement_translations AS "agreementTranslations",
              to_char(v.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(v.ends_on, 'YYYY-MM-DD') AS "endsOn",
              v.time_zone AS "timeZone",
              count(a.id)::int AS total,
              count(a.id) FILTER (WHERE a.status = 'completed')::int AS completed,
              coalesce(round(avg(a.progress_percent) FILTER (WHERE a.status <> 'cancelled'), 1), 0) AS "completionPercent",
              count(a.id) FILTER (WHERE a.status IN ('planned', 'in_progress', 'postponed') AND a.due_on < v.today)::int AS overdue,
              count(a.id) FILTER (WHERE a.status IN ('planned', 'in_progress', 'postponed')
                                   AND a.due_on BETWEEN v.today AND v.today + 30)::int AS "dueNext30Days",
              to_char(min(a.due_on) FILTER (WHERE a.status IN ('planned', 'in_progress', 'postponed') AND a.due_on >= v.today),
                      'YYYY-MM-DD') AS "nextDueOn"
         FROM visible v LEFT JOIN activities a ON a.plan_id = v.id
        GROUP BY v.id, v.title, v.agreement_id, v.agreement_title, v.party_codes, v.starts_on,
                 v.ends_on, v.time_zone, v.translations, v.agreement_translations
        ORDER BY v.starts_on DESC, v.id`;

function createProgress({ pool, activities }) {
  async function forPlan(actor, planId) {
    const plan = await activities.visiblePlan(actor, planId);
    const today = todayIn(plan.time_zone);
    const q = (name, text, values) => pool.query({ name, text, values }).then((r) => r.rows);
    // In parallel on the pool, as Accords does (Promise.all over preparedQuery).
    const [figureRows, byParty, next] = await Promise.all([
      q('raw-progress-figures', PLAN_FIGURES, [planId, today, addDays(today, 30)]),
      q('raw-progress-parties', PARTY_FIGURES, [planId, today]),
      q('raw-progress-next', NEXT, [planId, today]),
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
      byParty: byParty.map(partyBreakdown),
      byType: figures.byType,
      byTheme: figures.byTheme,
      nextDeadlines: next.map((n) => ({ ...n, daysLeft: daysBetween(today, n.dueOn) })),
    };
  }

  async function dashboard(actor, query) {
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    const params = [new Date().toISOString()];
    const where = scopeCondition(actor, 'ag', params);
    const count = await pool.query(dashboardCount(where), params);
    const { rows } = await pool.query(
      dashboardRows(where, pageSize, (page - 1) * pageSize),
      params,
    );
    return {
      items: rows.map((r) => ({ ...r, completionPercent: Number(r.completionPercent) })),
      total: count.rows[0].n,
      page,
      pageSize,
    };
  }

  return { forPlan, dashboard };
}

module.exports = { createProgress };
