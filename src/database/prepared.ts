import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryArrayConfig, QueryConfig } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Hot statements as named prepared statements of the pg driver, through the DataSource's own pool:
 * PostgreSQL parses and plans a named statement once per connection instead of on every request
 * (DataSource.query sends unnamed ones). Inside a transaction the statement runs on that transaction's
 * connection (`em.queryRunner`); otherwise the pool lends one, as DataSource.query does. Errors are
 * TypeORM's QueryFailedError, so callers see what they would have seen through em.query.
 *
 * The name is derived from the text, so that one name never stands for two texts on a connection
 * (pg refuses that); only texts drawn from a small fixed set should come here, each costs a
 * prepared statement per pooled connection.
 */
const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `accords_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** The rows of `text` run as a named statement (an UPDATE … RETURNING answers the returned rows). */
export async function preparedQuery<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  return (await run(em, { name: statementName(text), text, values })) as T[];
}

/**
 * preparedQuery with each row as an array of its columns in SELECT order: for statements that select
 * straight into an output shape of thousands of rows (the CSV export's cells), no object per row.
 */
export async function preparedArrays<T extends unknown[] = unknown[]>(
  em: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  return (await run(em, { name: statementName(text), text, values, rowMode: 'array' })) as T[];
}

async function run(em: EntityManager, query: QueryConfig | QueryArrayConfig): Promise<unknown[]> {
  try {
    const runner = em.queryRunner;
    if (runner) {
      const client = (await runner.connect()) as PoolClient;
      return (await client.query(query)).rows as unknown[];
    }
    const pool = (em.connection.driver as PostgresDriver).master as Pool;
    return (await pool.query(query)).rows as unknown[];
  } catch (error) {
    throw new QueryFailedError(query.text, query.values, error as Error);
  }
}
