import type { DataSource } from 'typeorm';

/** Exact row count of every table in the public schema, read in one round trip. */
export type TableCounts = Record<string, number>;

export async function tableCounter(dataSource: DataSource): Promise<() => Promise<TableCounts>> {
  const tables = (
    (await dataSource.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as { table_name: string }[]
  ).map((row) => row.table_name);
  const sql = tables
    .map((name) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`)
    .join(' UNION ALL ');
  return async () => {
    const rows = (await dataSource.query(sql)) as { name: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.name, row.n]));
  };
}

/** `activities 12 -> 13` for each table whose count moved; empty when nothing did. */
export function countChanges(before: TableCounts, after: TableCounts): string[] {
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name] ?? 0} -> ${after[name] ?? 0}`);
}
