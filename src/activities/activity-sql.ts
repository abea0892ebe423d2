import { ACTIVITY_STATUSES, isClosedStatus } from './activity-rules';

/**
 * The activities domain's SQL vocabulary: what "open", "overdue" and "counted in completion" mean
 * in a WHERE or FILTER clause, the same rules as activity-rules.ts (isClosedStatus, isOverdue). Every
 * module that reads activities or their parts in SQL (progress, dashboard, portfolio, reminders,
 * digest, nudges) builds on these, so a new status changes one place.
 *
 * Open is spelled as the list of open statuses rather than "NOT IN (closed)": an IN list lets
 * PostgreSQL walk the (plan_id, status, due_on) index over the open ranges only, where a NOT IN
 * reads every closed row of the plan too (60 % of them in a finished plan).
 */

/** Statuses still needing work: neither completed nor cancelled. */
export const OPEN_ACTIVITY_STATUSES = ACTIVITY_STATUSES.filter((s) => !isClosedStatus(s));

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** `<alias>.status` is open (works for activities and activity_parts alike). */
export function openStatusSql(alias: string): string {
  return `${alias}.status IN (${quoted(OPEN_ACTIVITY_STATUSES)})`;
}

/** `<alias>.status` is closed: completed or cancelled. */
export function closedStatusSql(alias: string): string {
  return `${alias}.status NOT IN (${quoted(OPEN_ACTIVITY_STATUSES)})`;
}

/**
 * Open and due before `today` (an SQL date expression: a parameter such as `$2` or a column):
 * late once the due day is over, never late without a due date (NULL compares false).
 */
export function overdueSql(alias: string, today: string): string {
  return `${openStatusSql(alias)} AND ${alias}.due_on < ${today}`;
}

/** Counted in a plan's completion (mean progress): every activity but the cancelled ones. */
export function countedInCompletionSql(alias: string): string {
  return `${alias}.status <> 'cancelled'`;
}

/**
 * `<alias>` (an activity) has not been carried over into a renewed plan: once copied, the copy is the
 * one that is reminded, digested, nudged and edited; the original stays as the old plan's record.
 */
export function notCarriedOverSql(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM activities c WHERE c.carried_over_from_id = ${alias}.id)`;
}
