import { closedStatusSql, overdueSql } from './activity-sql';
import type { ListActivitiesQuery } from './dto/list-activities.query';

export type ActivityListFilters = Omit<ListActivitiesQuery, 'page' | 'pageSize'>;

/** Every translated title and description, as one searchable text. */
const TRANSLATED_TEXT = `concat_ws(' ', ${['fr', 'en', 'ar']
  .flatMap((l) => [`a.translations->'${l}'->>'title'`, `a.translations->'${l}'->>'description'`])
  .join(', ')})`;

/** `q` as a LIKE pattern: the words anywhere, LIKE's own wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE clause of a plan's activity list (alias `a`) for `GET /action-plans/:id/activities`, its
 * exports and the bench: the plan, then each filter given. Values go to `params` (positional, `$n`);
 * `today` is the plan's day, which decides `overdue`. The same conditions the list always had: a
 * status or type among those listed, the party on the activity, due strictly before / after, overdue
 * as activity-sql.ts says it, and `q` in the title, description, translations or notes ignoring case
 * and accents.
 */
export function activityListWhere(
  planId: string,
  filters: ActivityListFilters,
  today: string,
  params: unknown[],
): string {
  const bind = (value: unknown) => `$${params.push(value)}`;
  const where = [`a.plan_id = ${bind(planId)}`];
  if (filters.status?.length) where.push(`a.status = ANY(${bind(filters.status)}::varchar[])`);
  if (filters.type?.length) where.push(`a.type = ANY(${bind(filters.type)}::varchar[])`);
  if (filters.party) where.push(`a.party_codes @> ARRAY[${bind(filters.party)}]::varchar[]`);
  if (filters.dueBefore) where.push(`a.due_on < ${bind(filters.dueBefore)}::date`);
  if (filters.dueAfter) where.push(`a.due_on > ${bind(filters.dueAfter)}::date`);
  if (filters.overdue === true) {
    where.push(overdueSql('a', `${bind(today)}::date`));
  } else if (filters.overdue === false) {
    where.push(`(a.due_on >= ${bind(today)}::date OR ${closedStatusSql('a')})`);
  }
  if (filters.q) {
    const pattern = `accords_fold(${bind(containsPattern(filters.q))})`;
    where.push(
      `(${['a.title', 'a.description', TRANSLATED_TEXT, 'a.notes']
        .map((text) => `accords_fold(${text}) LIKE ${pattern}`)
        .join(' OR ')})`,
    );
  }
  return where.join(' AND ');
}
