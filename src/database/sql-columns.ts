/**
 * Helpers for hand-written statements that read rows as an entity's values, the way TypeORM would give
 * them: columns named as the entity's properties, calendar dates as `YYYY-MM-DD` text (TypeORM turns
 * the driver's Date into that string; to_char gives it without the round trip), everything else as
 * the driver parses it.
 */

/** `to_char(col, 'YYYY-MM-DD')`: a date column as TypeORM answers it. */
export function dateSql(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD')`;
}

/**
 * A timestamptz as JavaScript's `Date#toISOString()` text (UTC, milliseconds truncated like the driver's
 * parser truncates them): `new Date(text)` gives the very Date the column would, without the driver's
 * slower text parser, inside JSON where the driver parses nothing.
 */
export function isoTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The SELECT (or RETURNING) list of `columns` (property → column) of the table `alias`, each named
 * after its property; `dates` are the properties of date columns.
 */
export function columnsSql(
  alias: string,
  columns: Readonly<Record<string, string>>,
  dates: ReadonlySet<string>,
): string {
  return Object.entries(columns)
    .map(([field, name]) => {
      const column = `${alias}.${name}`;
      return `${dates.has(field) ? dateSql(column) : column} AS "${field}"`;
    })
    .join(', ');
}

/** The row's values of `fields`, in that order (the order of the keys in the API's JSON). */
export function pickFields<T>(row: Record<string, unknown>, fields: readonly string[]): T {
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = row[field];
  return picked as T;
}
