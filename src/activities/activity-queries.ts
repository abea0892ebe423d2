import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActionPlan } from '../action-plans/action-plan.entity';
import type { Actor } from '../common/auth/actor';
import { agreementScope } from '../common/auth/permissions';
import { agreementScopeSql } from '../common/auth/scope-sql';
import type { Activity } from './activity.entity';
import { activityListWhere, type ActivityListFilters } from './activity-list-sql';
import type { ActivityHistory, HistoryValue } from './activity-history.entity';
import {
  ACTIVITY_COLUMNS,
  activityColumnsSql,
  activityReadColumnsSql,
  partColumnsSql,
  partsJsonSql,
  toActivity,
  toActivityReadRow,
  toPart,
  partReadRows,
  type ActivityField,
  type ActivityReadRow,
  type PartReadRow,
} from './activity-rows';
import type { ActivityPart } from './parts/activity-part.entity';
import { preparedArrays, preparedQuery } from '../database/prepared';
import { exportCellsSql, type ExportCellsRow } from './activity-export-sql';
import { notCarriedOverSql } from './activity-sql';

/** What an activity's routes need of its plan: the zone that decides "today" and "overdue". */
export interface ActivityPlanRef {
  plan: Pick<ActionPlan, 'id' | 'agreementId' | 'timeZone'>;
}

export interface VisibleActivity {
  activity: Activity;
  plan: ActivityPlanRef;
}

export type HistoryEntry = Pick<
  ActivityHistory,
  'activityId' | 'actorId' | 'actorEmail' | 'at' | 'field' | 'fromValue' | 'toValue' | 'note'
>;

/** Why a conditional UPDATE changed nothing: a renewal copy exists, the row is gone, or its version. */
export interface UpdateRefusal {
  copyId: string | null;
  version: number | null;
}

type Row = Record<string, unknown>;

const COLUMNS = activityColumnsSql('a');
/** What the read routes answer from: timestamps as ISO text (ActivityReadRow). */
const READ_COLUMNS = activityReadColumnsSql('a');
const PART_COLUMNS = partColumnsSql('ap');
const PARTS = partsJsonSql('a');

/** The activity, its plan, and the agreement whose scope decides who reads them. */
const VISIBLE_FROM = `FROM activities a
  JOIN action_plans p ON p.id = a.plan_id
  JOIN agreements ag ON ag.id = p.agreement_id
 WHERE a.id = $1`;
const PLAN_COLUMNS = `p.agreement_id AS "planAgreementId", p.time_zone AS "planTimeZone"`;

/**
 * The activities' hand-written statements (a repository in the Immich sense): the hot routes' reads and
 * writes in as few statements as the work needs, each visibility check joined to the read it guards
 * (common/auth/scope-sql.ts), and no query builder on the request path. Rows come back as the entity's
 * values (activity-rows.ts), so services and views keep working on `Activity` and `ActivityPart`.
 */
@Injectable()
export class ActivityQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The activity and its plan if the actor may read the plan's agreement; null otherwise. One statement. */
  async findVisibleWithPlan(actor: Actor, id: string): Promise<VisibleActivity | null> {
    const params: unknown[] = [id];
    const scope = agreementScopeSql(agreementScope(actor), 'ag', params);
    const rows = await preparedQuery<Row>(
      this.dataSource.manager,
      `SELECT ${COLUMNS}, ${PLAN_COLUMNS} ${VISIBLE_FROM} AND ${scope}`,
      params,
    );
    return rows[0] ? visible(rows[0]) : null;
  }

  /**
   * findVisibleWithPlan with the activity's parts (unordered), still one statement, for the read
   * route: the activity and parts as read rows (timestamps as ISO text).
   */
  async findVisibleWithParts(
    actor: Actor,
    id: string,
  ): Promise<{ activity: ActivityReadRow; plan: ActivityPlanRef; parts: PartReadRow[] } | null> {
    const params: unknown[] = [id];
    const scope = agreementScopeSql(agreementScope(actor), 'ag', params);
    const rows = await preparedQuery<Row>(
      this.dataSource.manager,
      `SELECT ${READ_COLUMNS}, ${PLAN_COLUMNS}, ${PARTS} AS parts ${VISIBLE_FROM} AND ${scope}`,
      params,
    );
    const row = rows[0];
    if (!row) return null;
    const activity = toActivityReadRow(row);
    return {
      activity,
      plan: planRef(activity.planId, row),
      parts: partReadRows(row.parts),
    };
  }

  /**
   * One page of a plan's activities (filters as activityListWhere), by due date then title then id,
   * each with its parts (unordered), and how many match: the page, then the count unless the page
   * already tells it.
   */
  async listForPlan(
    planId: string,
    filters: ActivityListFilters,
    today: string,
    page: { offset: number; limit: number },
  ): Promise<{ rows: { activity: ActivityReadRow; parts: PartReadRow[] }[]; total: number }> {
    const params: unknown[] = [];
    const where = activityListWhere(planId, filters, today, params);
    const em = this.dataSource.manager;
    const rows = await preparedQuery<Row>(
      em,
      // The page's bounds are parameters too, so one prepared statement serves every page.
      `SELECT ${READ_COLUMNS}, ${PARTS} AS parts FROM activities a WHERE ${where}
        ORDER BY a.due_on, a.title, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    const total = await this.countUnlessKnown(em, where, params, page, rows.length);
    return {
      rows: rows.map((row) => ({
        activity: toActivityReadRow(row),
        parts: partReadRows(row.parts),
      })),
      total,
    };
  }

  /**
   * Up to `limit` of a plan's activities (filters as the list, same order) as their spreadsheet cells,
   * computed in the statement (activity-export-sql.ts), one array per row: the CSV export's one read.
   */
  async exportCellsForPlan(
    planId: string,
    filters: ActivityListFilters,
    today: string,
    limit: number,
  ): Promise<ExportCellsRow[]> {
    const params: unknown[] = [];
    const where = activityListWhere(planId, filters, today, params);
    const day = `$${params.push(today)}::date`;
    return preparedArrays<ExportCellsRow>(
      this.dataSource.manager,
      `SELECT ${exportCellsSql(day)} FROM activities a WHERE ${where}
        ORDER BY a.due_on, a.title, a.id LIMIT $${params.push(limit)}`,
      params,
    );
  }

  /** How many of a plan's activities match the list's filters. */
  async countForPlan(planId: string, filters: ActivityListFilters, today: string): Promise<number> {
    const params: unknown[] = [];
    const where = activityListWhere(planId, filters, today, params);
    return countWhere(this.dataSource.manager, where, params);
  }

  /**
   * How many activities match: a short page that is not past the end says it without counting (the
   * matches end on it), as TypeORM's getManyAndCount did; otherwise one count.
   */
  private async countUnlessKnown(
    em: EntityManager,
    where: string,
    params: unknown[],
    page: { offset: number; limit: number },
    found: number,
  ): Promise<number> {
    if (found < page.limit && (found > 0 || page.offset === 0)) return page.offset + found;
    return countWhere(em, where, params);
  }

  /**
   * Writes `set` (entity property → value) on the activity if it is still at `expectedVersion` and
   * renewal has not carried it over, moves its version and answers the row as it is now (UPDATE …
   * RETURNING: no re-read). Null when nothing was updated; `refusal` then says why.
   */
  async updateReturning(
    em: EntityManager,
    id: string,
    expectedVersion: number,
    set: Partial<Record<ActivityField, unknown>>,
    updatedAt: Date,
  ): Promise<Activity | null> {
    const params: unknown[] = [id, expectedVersion];
    const assignments = Object.entries(set).map(([field, value]) => {
      // A field name never reaches the SQL text unless it is one of the entity's columns.
      if (!Object.hasOwn(ACTIVITY_COLUMNS, field))
        throw new Error(`not an activity column: ${field}`);
      return `${ACTIVITY_COLUMNS[field as ActivityField]} = $${params.push(writable(value))}`;
    });
    assignments.push('version = version + 1', `updated_at = $${params.push(updatedAt)}`);
    const rows = await preparedQuery<Row>(
      em,
      `UPDATE activities a SET ${assignments.join(', ')}
        WHERE a.id = $1 AND a.version = $2
          AND ${notCarriedOverSql('a')}
        RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0] ? toActivity(rows[0]) : null;
  }

  /** After updateReturning answered null: the renewal copy if any, and the current version if any. */
  async refusal(em: EntityManager, id: string): Promise<UpdateRefusal> {
    const [row] = await em.query<{ copy_id: string | null; version: number | null }[]>(
      `SELECT (SELECT c.id FROM activities c WHERE c.carried_over_from_id = $1 LIMIT 1) AS copy_id,
              (SELECT a.version FROM activities a WHERE a.id = $1) AS version`,
      [id],
    );
    return { copyId: row.copy_id, version: row.version };
  }

  /** History rows, one statement (the id is the table's default). */
  async insertHistory(em: EntityManager, entries: HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const rows = entries.map((e) => {
      const values = [
        e.activityId,
        e.actorId,
        e.actorEmail,
        e.at,
        e.field,
        historyJson(e.fromValue),
        historyJson(e.toValue),
        e.note,
      ];
      return `(${values.map((v) => `$${params.push(v)}`).join(', ')})`;
    });
    await preparedQuery(
      em,
      `INSERT INTO activity_history
         (activity_id, actor_id, actor_email, at, field, from_value, to_value, note)
       VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /** The activity's parts (unordered), read through `em`. */
  async partsOf(em: EntityManager, activityId: string): Promise<ActivityPart[]> {
    const rows = await preparedQuery<Row>(
      em,
      `SELECT ${PART_COLUMNS} FROM activity_parts ap WHERE ap.activity_id = $1`,
      [activityId],
    );
    return rows.map(toPart);
  }
}

/** A history value as TypeORM stores a jsonb column: JSON text, and SQL NULL for null. */
function historyJson(value: HistoryValue): string | null {
  return value === null ? null : JSON.stringify(value);
}

function visible(row: Record<string, unknown>): VisibleActivity {
  const activity = toActivity(row);
  return { activity, plan: planRef(activity.planId, row) };
}

/** The plan columns (PLAN_COLUMNS) of a row. */
function planRef(planId: string, row: Record<string, unknown>): ActivityPlanRef {
  return {
    plan: {
      id: planId,
      agreementId: row.planAgreementId as string,
      timeZone: row.planTimeZone as string,
    },
  };
}

/**
 * A value as the driver should send it: arrays (themes, party codes) as PostgreSQL arrays, which the
 * driver does by itself; an object (translations) as JSON text for the jsonb column.
 */
function writable(value: unknown): unknown {
  if (value === null || Array.isArray(value) || value instanceof Date) return value;
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/** How many activities (alias `a`) match `where`. */
async function countWhere(em: EntityManager, where: string, params: unknown[]): Promise<number> {
  const [count] = await preparedQuery<{ n: number }>(
    em,
    `SELECT count(*)::int AS n FROM activities a WHERE ${where}`,
    params,
  );
  return count.n;
}
