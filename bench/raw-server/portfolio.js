'use strict';
/**
 * The portfolio in the raw baseline: the same two statements as src/portfolio/portfolio-sql.ts (page
 * of rows, total), written out again here (the baseline imports nothing from src/), with the same named
 * parameters turned into $n the way TypeORM's PostgresDriver does, so PostgreSQL receives the same text.
 */
const { HttpError } = require('./auth');

// Copied from src/activities/activity-sql.ts (keep in step: the statement text must be the same).
const OPEN_STATUSES = ['planned', 'in_progress', 'postponed'];
const OPEN = `a.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** src/portfolio/portfolio-sql.ts rankingKey: one cheap figure per plan for a figure sort. */
function rankingKey(sort, achievement) {
  switch (sort) {
    case 'completion':
      return {
        from: '',
        key: `coalesce((SELECT avg(a.progress_percent) FROM activities a
                         WHERE a.plan_id = v.id AND a.status <> 'cancelled'), 0)`,
      };
    case 'overdue':
      return {
        from: '',
        key: `(SELECT count(*)::int FROM activities a
                WHERE a.plan_id = v.id AND ${OPEN} AND a.due_on < v.today)`,
      };
    case 'nextDeadline':
      return {
        from: '',
        key: `LEAST(${OPEN_STATUSES.map(
          (status) => `(SELECT min(a.due_on) FROM activities a
                         WHERE a.plan_id = v.id AND a.status = '${status}' AND a.due_on >= v.today)`,
        ).join(', ')})`,
      };
    default:
      return { from: achievement, key: 'r.achievement_percent' };
  }
}

// Copied from src/agreements/agreement-sql.ts (keep in step: the statement text must be the same).
const AGREEMENT_TODAY = `((:now::timestamptz) AT TIME ZONE ag.time_zone)::date`;

const AGREEMENT_STATUS_SQL = `CASE
    WHEN ag.denunciation_takes_effect_on IS NOT NULL
         AND ${AGREEMENT_TODAY} >= ag.denunciation_takes_effect_on THEN 'terminated'
    WHEN ag.status IN ('in_force', 'renewed') AND ag.renewal_mode = 'tacit'
         AND ag.non_renewal_notice_on IS NULL AND ag.denunciation_takes_effect_on IS NULL
         AND ${AGREEMENT_TODAY} > coalesce(ag.notice_deadline_on, ag.expires_on) THEN 'renewed'
    WHEN ag.status IN ('in_force', 'renewed')
         AND ag.expires_on < ${AGREEMENT_TODAY} THEN 'expired'
    ELSE ag.status
  END`;

// The results and money sub-selects (issue 10 contract), copied from src/results/results-sql.ts
// (indicatorAchievementByPlan) and src/money/money-sql.ts (budgetUseByPlan).
const PERIOD_END_MONTH = (column) =>
  `(CASE substr(${column}, 6, 1) WHEN 'H' THEN 6 ELSE 3 END * substr(${column}, 7, 1)::int)`;
const achievementSource = (asOfParam) => `
    SELECT i.plan_id,
           count(*)::int AS indicator_count,
           round(avg(coalesce(a.percent, 0)) FILTER (WHERE t.target_value IS NOT NULL))::int
             AS achievement_percent
      FROM result_indicators i
      CROSS JOIN (SELECT to_char((${asOfParam})::date, 'YYYY') AS year) y
      LEFT JOIN result_targets t ON t.indicator_id = i.id AND t.period = y.year
      LEFT JOIN LATERAL (
        SELECT v.period
          FROM result_values v
         WHERE v.indicator_id = i.id AND left(v.period, 4) = y.year
         ORDER BY ${PERIOD_END_MONTH('v.period')} DESC, v.period COLLATE "C" DESC
         LIMIT 1
      ) lp ON true
      LEFT JOIN LATERAL (
        SELECT CASE i.measure
                 WHEN 'number' THEN sum(v.value)
                 WHEN 'percentage' THEN avg(v.value) FILTER (WHERE v.period = lp.period)
                 ELSE min(v.value) FILTER (WHERE v.period = lp.period)
               END AS actual
          FROM result_values v
         WHERE v.indicator_id = i.id AND left(v.period, 4) = y.year
      ) act ON true
      CROSS JOIN LATERAL (
        SELECT CASE WHEN t.target_value IS NULL OR act.actual IS NULL THEN NULL
                    WHEN t.target_value = 0 THEN 100
                    ELSE least(100, round(act.actual * 100 / t.target_value))
               END AS percent
      ) a
     GROUP BY i.plan_id`;
const budgetSource = () => `
    SELECT money.plan_id, money.currency,
           round(sum(money.planned), 2) AS planned,
           round(sum(money.spent), 2) AS spent
      FROM (
        SELECT plan_id, currency, amount AS planned, 0::numeric AS spent FROM activity_budget_lines
        UNION ALL
        SELECT plan_id, currency, 0::numeric AS planned, amount AS spent FROM activity_spending
      ) money
     GROUP BY money.plan_id, money.currency`;

const SORT_KEYS = {
  title: 'v.title',
  endsOn: 'v.ends_on',
  completion: 'coalesce(v.completion, 0)',
  overdue: 'v.overdue_count',
  nextDeadline: 'v.next_due',
  achievement: 'v.achievement_percent',
};
const PLAN_COLUMN_SORTS = ['title', 'endsOn'];

/** scope-sql.ts agreementScopeCondition, with its named parameters. */
function scopeCondition(actor) {
  if (actor.role === 'admin' || actor.role === 'programme_manager')
    return { sql: 'TRUE', params: {} };
  if (actor.role === 'focal_point' && actor.partyCode) {
    return {
      sql: `ag.party_codes @> ARRAY[:scopePartyCode]::varchar[]`,
      params: { scopePartyCode: actor.partyCode },
    };
  }
  return {
    sql: `ag.id = ANY(:scopeAgreementIds::uuid[])`,
    params: { scopeAgreementIds: actor.role === 'observer' ? actor.observedAgreementIds : [] },
  };
}

function statements(actor, query, now) {
  const condition = scopeCondition(actor);
  const params = {
    ...condition.params,
    now: now.toISOString(),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
  const where = [condition.sql];
  if (query.country) {
    where.push('p.party_codes @> ARRAY[:country]::varchar[]');
    params.country = query.country;
  }
  if (query.theme) {
    where.push(
      'EXISTS (SELECT 1 FROM activities t WHERE t.plan_id = p.id AND t.themes @> ARRAY[:theme]::varchar[])',
    );
    params.theme = query.theme;
  }
  if (query.periodFrom) {
    where.push('p.ends_on >= :periodFrom::date');
    params.periodFrom = query.periodFrom;
  }
  if (query.periodTo) {
    where.push('p.starts_on <= :periodTo::date');
    params.periodTo = query.periodTo;
  }
  let statusFilter = '';
  if (query.agreementStatus) {
    statusFilter = 'WHERE agreement_status = :agreementStatus';
    params.agreementStatus = query.agreementStatus;
  }

  const filtered = `filtered AS MATERIALIZED (
    SELECT * FROM (
      SELECT p.id, p.title, p.translations, p.party_codes, p.starts_on, p.ends_on,
             ((:now::timestamptz) AT TIME ZONE p.time_zone)::date AS today,
             ag.id AS agreement_id, ag.title AS agreement_title,
             ag.translations AS agreement_translations, ag.party_codes AS agreement_party_codes,
             ${AGREEMENT_STATUS_SQL} AS agreement_status
        FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
       WHERE ${where.join(' AND ')}) s
    ${statusFilter})`;

  const figures = `LEFT JOIN LATERAL (
      SELECT count(*)::int AS activity_count,
             avg(a.progress_percent) FILTER (WHERE a.status <> 'cancelled') AS completion,
             count(*) FILTER (WHERE ${OPEN} AND a.due_on < v.today)::int AS overdue_count,
             min(a.due_on) FILTER (WHERE ${OPEN} AND a.due_on >= v.today) AS next_due
        FROM activities a WHERE a.plan_id = v.id) f ON TRUE`;
  const achievement = `LEFT JOIN LATERAL (
      SELECT x.indicator_count, x.achievement_percent
        FROM (SELECT v.today AS plan_today) d
        CROSS JOIN LATERAL (${achievementSource('d.plan_today')}) x
       WHERE x.plan_id = v.id) r ON TRUE`;

  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const key = SORT_KEYS[query.sort] ?? SORT_KEYS.title;
  const orderBy = `${key} ${direction} NULLS LAST, v.title ${direction}, v.id`;
  const withFigures = (from) => `SELECT v.*, f.activity_count, f.completion,
               f.overdue_count, f.next_due, r.indicator_count, r.achievement_percent
          FROM ${from} v ${figures} ${achievement}`;
  let pageOf;
  if (PLAN_COLUMN_SORTS.includes(query.sort)) {
    pageOf = `SELECT v.* FROM filtered v ORDER BY ${orderBy} LIMIT :limit OFFSET :offset`;
  } else {
    const ranking = rankingKey(query.sort, achievement);
    pageOf = `SELECT v.* FROM (SELECT v.*, ${ranking.key} AS sort_key FROM filtered v ${ranking.from}) v
       ORDER BY v.sort_key ${direction} NULLS LAST, v.title ${direction}, v.id
       LIMIT :limit OFFSET :offset`;
  }
  const page = `page AS MATERIALIZED (${pageOf}), ranked AS (${withFigures('page')})`;

  const rows = `WITH ${filtered}, ${page}
    SELECT v.id AS "planId", v.title, v.translations,
           json_build_object('id', v.agreement_id, 'title', v.agreement_title,
                             'translations', v.agreement_translations,
                             'status', v.agreement_status,
                             'partyCodes', v.agreement_party_codes) AS agreement,
           v.party_codes AS "partyCodes",
           to_char(v.starts_on, 'YYYY-MM-DD') AS "startsOn",
           to_char(v.ends_on, 'YYYY-MM-DD') AS "endsOn",
           to_char(v.today, 'YYYY-MM-DD') AS today,
           v.activity_count AS "activityCount",
           v.completion::text AS completion,
           v.overdue_count AS "overdueCount",
           CASE WHEN n.id IS NULL THEN NULL
                ELSE json_build_object('activityId', n.id, 'title', n.title,
                                       'translations', n.translations,
                                       'dueOn', to_char(n.due_on, 'YYYY-MM-DD')) END AS "nextDeadline",
           v.indicator_count AS "indicatorCount",
           v.achievement_percent AS "indicatorAchievementPercent",
           coalesce(b.budget, '[]'::json) AS budget
      FROM ranked v
      LEFT JOIN LATERAL (
        SELECT a.id, a.title, a.translations, a.due_on FROM activities a
         WHERE a.plan_id = v.id AND ${OPEN} AND a.due_on = v.next_due
         ORDER BY a.title, a.id LIMIT 1) n ON TRUE
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object(
                 'currency', bu.currency, 'planned', bu.planned::numeric(20, 2)::text,
                 'spent', bu.spent::numeric(20, 2)::text,
                 'usePercent', CASE WHEN bu.planned > 0
                                    THEN trunc((bu.spent * 200 + bu.planned) / (2 * bu.planned))::int
                               END)
               ORDER BY bu.currency) AS budget
          FROM (${budgetSource()}) bu WHERE bu.plan_id = v.id) b ON TRUE
     ORDER BY ${orderBy}`;

  const count = `WITH ${filtered} SELECT count(*)::int AS n FROM filtered`;
  return { rows, count, params };
}

/** TypeORM PostgresDriver.escapeQueryWithParameters: `:name` → `$n`, each name numbered once. */
function positional(sql, parameters) {
  const values = [];
  const index = new Map();
  const text = sql.replaceAll(/:(\.\.\.)?([A-Za-z0-9_.]+)/g, (full, spread, key) => {
    if (!Object.prototype.hasOwnProperty.call(parameters, key)) return full;
    if (!index.has(key)) {
      values.push(parameters[key]);
      index.set(key, values.length);
    }
    return `$${index.get(key)}`;
  });
  return { text, values };
}

const SORTS = new Set(Object.keys(SORT_KEYS));

/** The query as the DTO would hand it over (defaults; no field-by-field problem text here). */
function parseQuery(raw) {
  const page = raw.page === undefined ? 1 : Number(raw.page);
  const pageSize = raw.pageSize === undefined ? 50 : Number(raw.pageSize);
  const sort = raw.sort ?? 'title';
  const order = raw.order ?? 'asc';
  if (
    !Number.isInteger(page) ||
    page < 1 ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > 200 ||
    !SORTS.has(sort) ||
    !['asc', 'desc'].includes(order)
  ) {
    throw new HttpError(400, 'Invalid input');
  }
  return { ...raw, page, pageSize, sort, order };
}

function createPortfolio({ pool }) {
  return async function portfolio(actor, rawQuery) {
    const query = parseQuery(rawQuery);
    const s = statements(actor, query, new Date());
    const rows = positional(s.rows, s.params);
    const count = positional(s.count, s.params);
    const [page, total] = await Promise.all([
      pool.query(rows.text, rows.values),
      pool.query(count.text, count.values),
    ]);
    return {
      items: page.rows.map(({ completion, ...row }) => ({
        ...row,
        completionPercent: completion === null ? 0 : Math.round(Number(completion) * 10) / 10,
        indicatorCount: row.indicatorCount ?? 0,
      })),
      total: total.rows[0].n,
      page: query.page,
      pageSize: query.pageSize,
    };
  };
}

module.exports = { createPortfolio };
