'use strict';
/**
 * Plan progress and the dashboard in the raw baseline: the same SQL as progress/progress.service.ts
 * and progress/dashboard.service.ts (they are already hand-written SQL), sent through plain `pg`.
 */
const { scopeCondition } = require('./auth');
const { addDays, daysBetween, todayIn } = require('./dates');

const STATUSES = ['planned', 'in_progress', 'completed', 'postponed', 'cancelled'];

const BREAKDOWN_COLUMNS = `
  count(*)::int AS total,
  count(*) FILTER (WHERE a.status = 'completed')::int AS completed,
  count(*) FILTER (WHERE a.status NOT IN ('completed', 'cancelled') AND a.due_on < $2)::int AS overdue`;

function breakdownColumns(condition, prefix) {
  return `count(*) FILTER (WHERE ${condition})::int AS "${prefix}Total",
    count(*) FILTER (WHERE ${condition} AND a.status = 'completed')::int AS "${prefix}Completed",
    count(*) FILTER (WHERE ${condition} AND a.status NOT IN ('completed', 'cancelled')
                       AND a.due_on < $2)::int AS "${prefix}Overdue"`;
}

const TOTALS = `SELECT count(*)::int AS total,
    count(*) FILTER (WHERE status NOT IN ('completed','cancelled') AND due_on < $2)::int AS overdue,
    count(*) FILTER (WHERE status NOT IN ('completed','cancelled') AND due_on BETWEEN $2 AND $3)::int AS due30,
    avg(progress_percent) FILTER (WHERE status <> 'cancelled') AS completion
  FROM activities WHERE plan_id = $1`;
const STATUS_COUNTS = `SELECT status, count(*)::int AS n FROM activities WHERE plan_id = $1 GROUP BY status`;
const BY_PARTY = `SELECT p.code AS "partyCode", ${BREAKDOWN_COLUMNS},
    ${breakdownColumns('a.lead_party_code = p.code', 'lead')},
    ${breakdownColumns('a.lead_party_code <> p.code', 'shared')}
  FROM activities a CROSS JOIN LATERAL unnest(a.party_codes) AS p(code)
  WHERE a.plan_id = $1 GROUP BY p.code ORDER BY p.code`;
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
      byParty: byParty.map((r) => ({
        partyCode: r.partyCode,
        total: r.total,
        completed: r.completed,
        overdue: r.overdue,
        lead: { total: r.leadTotal, completed: r.leadCompleted, overdue: r.leadOverdue },
        shared: { total: r.sharedTotal, completed: r.sharedCompleted, overdue: r.sharedOverdue },
      })),
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
    const count = await pool.query(
      `SELECT count(*)::int AS n FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
        WHERE $1::timestamptz IS NOT NULL AND ${where}`,
      params,
    );
    const { rows } = await pool.query(
      `WITH visible AS (
         SELECT p.*, ag.title AS agreement_title, ag.translations AS agreement_translations,
                (($1::timestamptz) AT TIME ZONE p.time_zone)::date AS today
           FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
          WHERE ${where}
          ORDER BY p.starts_on DESC, p.id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize})
       SELECT v.id AS "planId", v.title AS "planTitle", v.agreement_id AS "agreementId",
              v.agreement_title AS "agreementTitle", v.party_codes AS "partyCodes",
              v.translations AS "planTranslations",
              v.agreement_translations AS "agreementTranslations",
              to_char(v.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(v.ends_on, 'YYYY-MM-DD') AS "endsOn",
              v.time_zone AS "timeZone",
              count(a.id)::int AS total,
              count(a.id) FILTER (WHERE a.status = 'completed')::int AS completed,
              coalesce(round(avg(a.progress_percent) FILTER (WHERE a.status <> 'cancelled'), 1), 0) AS "completionPercent",
              count(a.id) FILTER (WHERE a.status NOT IN ('completed','cancelled') AND a.due_on < v.today)::int AS overdue,
              count(a.id) FILTER (WHERE a.status NOT IN ('completed','cancelled')
                                   AND a.due_on BETWEEN v.today AND v.today + 30)::int AS "dueNext30Days",
              to_char(min(a.due_on) FILTER (WHERE a.status NOT IN ('completed','cancelled') AND a.due_on >= v.today),
                      'YYYY-MM-DD') AS "nextDueOn"
         FROM visible v LEFT JOIN activities a ON a.plan_id = v.id
        GROUP BY v.id, v.title, v.agreement_id, v.agreement_title, v.party_codes, v.starts_on,
                 v.ends_on, v.time_zone, v.translations, v.agreement_translations
        ORDER BY v.starts_on DESC, v.id`,
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
