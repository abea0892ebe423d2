import { Client } from 'pg';

/** Names shared by global setup, the suites and teardown. One run = one id = its own databases and Redis prefix. */
export function runId(): string {
  const id = process.env.TEST_RUN_ID;
  if (!id) throw new Error('TEST_RUN_ID is not set (global setup sets it)');
  return id.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export const adminDatabaseUrl = (): string =>
  process.env.TEST_ADMIN_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export const templateName = (kind: 'empty' | 'seeded') => `accords_t_${runId()}_${kind}`;
export const SEED_PASSWORD = 'accords-demo-test';

export function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withClient('postgres', work);
}

/** A plain connection to database `name` (of this server) for `work`. */
export async function withClient<T>(
  name: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
