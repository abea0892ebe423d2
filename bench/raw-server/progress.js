'use strict';
/**
 * Plan progress and the dashboard in the raw baseline: the same SQL text as
 * src/progress/progress.service.ts and src/progress/dashboard.service.ts, sent through plain `pg`.
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

// progress.service.ts BREAKDOWN_COLUMNS, with overdueSql('a', '$2') written out.
const BREAKDOWN_COLUMNS = `
  count(*)::int AS total,
  count(*) FILTER (WHERE a.status = 'completed')::int AS completed,
  count(*) FILTER (WHERE a.status IN ('planned', 'in_progress', 'postponed') AND a.due_on < $2)::int AS overdue`;

const TOTALS = `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE a.status IN ('planned', 'in_progress', 'postponed') AND a.due_on < $2)::int AS overdue,
                count(*) FILTER (WHERE a.status IN ('planned', 'in_progress', 'postponed') AND a.due_on BETWEEN $2 AND $3)::int AS due30,
                avg(a.progress_percent) FILTER (WHERE a.status <> 'cancelled') AS completion
           FROM activities a WHERE a.plan_id = $1`;
const STATUS_COUNTS = `SELECT status, count(*)::int AS n FROM activities WHERE plan_id = $1 GROUP BY status`;
// Per party over its own parts (activity_parts), partBreakdownColumns() for lead and shared written out.
const BY_PARTY = `SELECT ap.party_code AS "partyCode",
                count(*)::int AS total,
                count(*) FILTER (WHERE ap.status = 'completed')::int AS completed,
                count(*) FILTER (WHERE ap.status IN ('planned', 'in_progress', 'postponed')
                                   AND a.due_on < $2)::int AS overdue,
                avg(ap.progress_percent) FILTER (WHERE ap.status <> 'cancelled') AS completion,
                count(*) FILTER (WHERE a.lead_party_code = ap.party_code)::int AS "leadTotal",
    count(*) FILTER (WHERE a.lead_party_code = ap.party_code AND ap.status = 'completed')::int AS "leadCompleted",
    count(*) FILTER (WHERE a.lead_party_code = ap.party_code AND ap.status IN ('planned', 'in_progress', 'postponed')
                       AND a.due_on < $2)::int AS "leadOverdue",
                count(*) FILTER (WHERE a.lead_party_code <> ap.party_code)::int AS "sharedTotal",
    count(*) FILTER (WHERE a.lead_party_code <> ap.party_code AND ap.status = 'completed')::int AS "sharedCompleted",
    count(*) FILTER (WHERE a.lead_party_code <> ap.party_code AND ap.status IN ('planned', 'in_progress', 'postponed')
                       AND a.due_on < $2)::int AS "sharedOverdue"
           FROM activities a JOIN activity_parts ap ON ap.activity_id = a.id
          WHERE a.plan_id = $1 GROUP BY ap.party_code ORDER BY ap.party_code`;
const BY_TYPE = `SELECT a.type, ${BREAKDOWN_COLUMNS} FROM activities a
          WHERE a.plan_id = $1 GROUP BY a.type ORDER BY a.type`;
const BY_THEME = `SELECT t.theme, ${BREAKDOWN_COLUMNS}
           FROM activities a CROSS JOIN LATERAL unnest(a.themes) AS t(theme)
          WHERE a.plan_id = $1 GROUP BY t.theme ORDER BY t.theme`;
const NEXT = `SELECT id, title, translations, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status,
                lead_party_code AS "leadPartyCode"
           FROM activities
          WHERE plan_id = $1 AND status NOT IN ('completed','cancelled') AND due_on >= $2
          ORDER BY due_on, title LIMIT 10`;

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
    // In parallel on the pool, as Accords does (Promise.all over DataSource.query).
    const [totals, statuses, byParty, byType, byTheme, next] = await Promise.all([
      q('raw-progress-totals', TOTALS, [planId, today, addDays(today, 30)]),
      q('raw-progress-status', STATUS_COUNTS, [planId]),
      q('raw-progress-party', BY_PARTY, [planId, today]),
      q('raw-progress-type', BY_TYPE, [planId, today]),
      q('raw-progress-theme', BY_THEME, [planId, today]),
      q('raw-progress-next', NEXT, [planId, today]),
    ]);
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0]));
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
      byParty: byParty.map(partyBreakdown),
      byType,
      byTheme,
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
