import { columnsSql, dateSql, isoTimestampSql, pickFields } from '../database/sql-columns';
import type { Activity } from './activity.entity';
import type { ActivityPart } from './parts/activity-part.entity';

/**
 * Activities and parts read or written by hand-written SQL (activity-queries.ts), hydrated into the
 * same values TypeORM would give: every column of the entity, in its declaration order (the order of
 * the keys in the API's JSON), dates as `YYYY-MM-DD` strings, timestamps as Date objects parsed by the
 * driver's own parser. Pure, so that the mapping is unit-tested without a database.
 */

/** Activity property → column, in the entity's declaration order. */
export const ACTIVITY_COLUMNS = {
  id: 'id',
  planId: 'plan_id',
  title: 'title',
  description: 'description',
  translations: 'translations',
  type: 'type',
  themes: 'themes',
  leadPartyCode: 'lead_party_code',
  partyCodes: 'party_codes',
  plannedStartOn: 'planned_start_on',
  dueOn: 'due_on',
  status: 'status',
  progressPercent: 'progress_percent',
  completedOn: 'completed_on',
  notes: 'notes',
  carriedOverFromId: 'carried_over_from_id',
  version: 'version',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof Activity, string>;

export type ActivityField = keyof typeof ACTIVITY_COLUMNS;
const ACTIVITY_FIELDS = Object.keys(ACTIVITY_COLUMNS) as ActivityField[];

/** Part property → column (activity_parts). */
export const PART_COLUMNS = {
  activityId: 'activity_id',
  partyCode: 'party_code',
  status: 'status',
  progressPercent: 'progress_percent',
  note: 'note',
  completedOn: 'completed_on',
  version: 'version',
  updatedAt: 'updated_at',
  updatedBy: 'updated_by',
} as const satisfies Record<keyof ActivityPart, string>;

const PART_FIELDS = Object.keys(PART_COLUMNS) as (keyof ActivityPart)[];

/** Calendar dates: TypeORM answers `YYYY-MM-DD` for them, never a Date. */
const DATE_FIELDS: ReadonlySet<string> = new Set([
  'plannedStartOn',
  'dueOn',
  'completedOn',
] satisfies (ActivityField | keyof ActivityPart)[]);

/** The SELECT (or RETURNING) list of every activity column, named as the entity's properties. */
export function activityColumnsSql(alias: string): string {
  return columnsSql(alias, ACTIVITY_COLUMNS, DATE_FIELDS);
}

/** The SELECT (or RETURNING) list of every part column, named as the entity's properties. */
export function partColumnsSql(alias: string): string {
  return columnsSql(alias, PART_COLUMNS, DATE_FIELDS);
}

/**
 * The parts of the activity `alias` as one JSON array (unordered: sortParts orders them). The
 * timestamp travels as ISO text (isoTimestampSql), so that `new Date(text)` gives the very Date a plain
 * SELECT gives.
 */
export function partsJsonSql(alias: string, partAlias = 'ap'): string {
  const fields = PART_FIELDS.map((field) => {
    const column = `${partAlias}.${PART_COLUMNS[field]}`;
    const value = DATE_FIELDS.has(field)
      ? dateSql(column)
      : field === 'updatedAt'
        ? isoTimestampSql(column)
        : column;
    return `'${field}', ${value}`;
  }).join(', ');
  return `(SELECT coalesce(json_agg(json_build_object(${fields})), '[]')
             FROM activity_parts ${partAlias} WHERE ${partAlias}.activity_id = ${alias}.id)`;
}

/**
 * What the read routes (one activity, a plan's list) hold of an activity and a part: the entity's
 * values, but the timestamps already as the ISO text the answer shows (isoTimestampSql). Parsing them
 * into Dates only to print them back was a tenth of a list page's Node CPU (issue 11).
 */
export type ActivityReadRow = Omit<Activity, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
};
export type PartReadRow = Omit<ActivityPart, 'updatedAt'> & { updatedAt: string };

/** activityColumnsSql for ActivityReadRow: the same list, timestamps as ISO text. */
export function activityReadColumnsSql(alias: string): string {
  return Object.entries(ACTIVITY_COLUMNS)
    .map(([field, name]) => {
      const column = `${alias}.${name}`;
      const value = DATE_FIELDS.has(field)
        ? dateSql(column)
        : field === 'createdAt' || field === 'updatedAt'
          ? isoTimestampSql(column)
          : column;
      return `${value} AS "${field}"`;
    })
    .join(', ');
}

/** A timestamp as JSON shows it: a read row already holds that text. */
export function isoText(at: Date | string): string {
  return typeof at === 'string' ? at : at.toISOString();
}

/** A row named by activityReadColumnsSql (extra columns of the row are left out). */
export function toActivityReadRow(row: Record<string, unknown>): ActivityReadRow {
  return pickFields<ActivityReadRow>(row, ACTIVITY_FIELDS);
}

/**
 * partsJsonSql's array as read rows: json_build_object already made each element of exactly the part's
 * fields, in order, with the timestamp as ISO text, so the driver's objects are used as they are.
 */
export function partReadRows(json: unknown): PartReadRow[] {
  return json as PartReadRow[];
}

/** A row named by activityColumnsSql, as an Activity (extra columns of the row are left out). */
export function toActivity(row: Record<string, unknown>): Activity {
  return pickFields<Activity>(row, ACTIVITY_FIELDS);
}

/** A row named by partColumnsSql, or an element of partsJsonSql's array, as an ActivityPart. */
export function toPart(row: Record<string, unknown>): ActivityPart {
  const part = pickFields<ActivityPart>(row, PART_FIELDS);
  if (typeof part.updatedAt === 'string') part.updatedAt = new Date(part.updatedAt);
  return part;
}

/** The activity's parts as the API lists them: lead party first, then in the activity's order. */
export function sortParts<P extends Pick<ActivityPart, 'partyCode'>>(
  activity: Pick<Activity, 'leadPartyCode' | 'partyCodes'>,
  parts: P[],
): P[] {
  const order = [activity.leadPartyCode, ...activity.partyCodes];
  return parts.sort((x, y) => order.indexOf(x.partyCode) - order.indexOf(y.partyCode));
}
