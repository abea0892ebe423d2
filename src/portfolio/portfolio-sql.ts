import type { AgreementScope } from '../common/auth/permissions';
import { agreementScopeCondition } from '../common/auth/scope-sql';
import {
  countedInCompletionSql,
  OPEN_ACTIVITY_STATUSES,
  openStatusSql,
  overdueSql,
} from '../activities/activity-sql';
import { AGREEMENT_STATUS_SQL } from '../agreements/agreement-sql';
import type { PortfolioQueryDto, PortfolioSort } from './dto/portfolio-query.dto';
import { achievementSource, budgetSource } from './portfolio-sources';

/**
 * The SQL of `GET /api/portfolio`: one statement for a page of rows, one for the total, both with
 * TypeORM named parameters (`:now`, the scope's own…). Figures follow progress.service.ts exactly, so a
 * plan reads the same here as at `GET /api/action-plans/:id/progress`:
 * - completion: mean progress of the activities that are not cancelled (a joint activity's progress and
 *   status are its parts' roll-up, stored on the row), rounded to one decimal by the caller;
 * - overdue: open (neither completed nor cancelled; a joint activity is open while one required part
 *   is) and due before the plan's today;
 * - next deadline: the earliest open activity due on or after the plan's today (then by title, id);
 * "today" is the app clock's instant in the plan's time zone, per plan, as the dashboard computes it.
 * Budget use per currency is money-amounts.ts usePercent (half up, in SQL: trunc((200 s + p) / 2p)),
 * amounts as exact decimal strings like the plan's money totals.
 */

/** Open activities: neither completed nor cancelled (activity-rules.ts isOverdue's "open"). */
const OPEN = openStatusSql('a');

/** Sort keys over the ranked rows (`v`); the plan columns page first, the figures rank every plan. */
const SORT_KEYS: Record<PortfolioSort, string> = {
  title: 'v.title',
  endsOn: 'v.ends_on',
  completion: 'coalesce(v.completion, 0)',
  overdue: 'v.overdue_count',
  nextDeadline: 'v.next_due',
  achievement: 'v.achievement_percent',
};
const PLAN_COLUMN_SORTS: readonly PortfolioSort[] = ['title', 'endsOn'];

/**
 * A figure sort ranks every visible plan by that one figure, computed as cheaply as the
 * (plan_id, status, due_on) INCLUDE (progress_percent) index allows, equal to the figure the page
 * then shows (SORT_KEYS over the full figures): the overdue count walks only the open, past-due
 * ranges; the next deadline is the least of one index probe per open status; only completion must
 * read every activity of every plan. The full figures are computed for the page's plans alone
 * (at 2,000 plans of 500 activities, ranking by every figure read 1,000,000 index entries: ~1.1 s).
 */
function rankingKey(sort: PortfolioSort, achievement: string): { from: string; key: string } {
  switch (sort) {
    case 'completion':
      return {
        from: '',
        key: `coalesce((SELECT avg(a.progress_percent) FROM activities a
                         WHERE a.plan_id = v.id AND ${countedInCompletionSql('a')}), 0)`,
      };
    case 'overdue':
      return {
        from: '',
        key: `(SELECT count(*)::int FROM activities a
                WHERE a.plan_id = v.id AND ${overdueSql('a', 'v.today')})`,
      };
    case 'nextDeadline':
      return {
        from: '',
        key: `LEAST(${OPEN_ACTIVITY_STATUSES.map(
          (status) => `(SELECT min(a.due_on) FROM activities a
                         WHERE a.plan_id = v.id AND a.status = '${status}' AND a.due_on >= v.today)`,
        ).join(', ')})`,
      };
    default:
      return { from: achievement, key: 'r.achievement_percent' };
  }
}

export interface PortfolioStatements {
  rows: string;
  count: string;
  params: Record<string, unknown>;
}

export function portfolioStatements(
  scope: AgreementScope,
  query: PortfolioQueryDto,
  now: Date,
): PortfolioStatements {
  const condition = agreementScopeCondition(scope, 'ag');
  const params: Record<string, unknown> = {
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
             avg(a.progress_percent) FILTER (WHERE ${countedInCompletionSql('a')}) AS completion,
             count(*) FILTER (WHERE ${OPEN} AND a.due_on < v.today)::int AS overdue_count,
             min(a.due_on) FILTER (WHERE ${OPEN} AND a.due_on >= v.today) AS next_due
        FROM activities a WHERE a.plan_id = v.id) f ON TRUE`;
  // The year of the plan's own today, as the results view reckons it; the plan filter is pushed into
  // the grouped sub-select, so each plan reads its own indicators only.
  const achievement = `LEFT JOIN LATERAL (
      SELECT x.indicator_count, x.achievement_percent
        FROM (SELECT v.today AS plan_today) d
        CROSS JOIN LATERAL (${achievementSource('d.plan_today')}) x
       WHERE x.plan_id = v.id) r ON TRUE`;

  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const key = SORT_KEYS[query.sort] ?? SORT_KEYS.title;
  const orderBy = `${key} ${direction} NULLS LAST, v.title ${direction}, v.id`;
  // A plan-column sort takes the page before any activity is read; a figure sort ranks every visible
  // plan by its one figure first. Either way the full figures are computed for the page only.
  const withFigures = (from: string) => `SELECT v.*, f.activity_count, f.completion,
               f.overdue_count, f.next_due, r.indicator_count, r.achievement_percent
          FROM ${from} v ${figures} ${achievement}`;
  let pageOf: string;
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
