import 'reflect-metadata';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { todayIn } from '../../src/common/time/calendar-date';
import { seed } from '../../src/database/seed/seed';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { launchSharedChromium, SHARED_CHROMIUM_ENV } from './chromium';
import { databaseUrl, SEED_PASSWORD, templateName, withAdminClient } from './test-env';

/**
 * Once per run: two template databases, migrated (one also seeded). Each suite copies one of them
 * (CREATE DATABASE ... TEMPLATE), which takes a fraction of a second and isolates suites completely.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID ??= `${Date.now().toString(36)}${process.pid}`;
  // One Chromium for every browser suite of the run, started while the templates are migrated: each
  // suite connects to it (test/support/browser.ts) rather than paying for a launch of its own.
  const chromium = launchSharedChromium().catch(() => undefined);
  for (const kind of ['empty', 'seeded'] as const) {
    const name = templateName(kind);
    await withAdminClient(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.query(`CREATE DATABASE ${name}`);
    });
    const dataSource = new DataSource({ ...typeOrmOptions(databaseUrl(name)), logging: false });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      if (kind === 'seeded') {
        await seed(dataSource, {
          password: SEED_PASSWORD,
          today: todayIn('Africa/Casablanca', new Date()),
        });
        // The demo accounts get a cheap argon2id hash of the same password (4 MiB, t=1, p=1: ~5 ms to
        // check, against ~250 ms and both cores for the real one). Suites sign them in hundreds of
        // times; the check itself is the same code (argon2 reads the cost from the hash). Passwords set
        // during a test are hashed at full cost, and suites about the cost of a check ask for
        // `realPasswordHashes` (test-app.ts).
        await dataSource.query('UPDATE users SET password_hash = $1', [
          await argon2.hash(SEED_PASSWORD, {
            type: argon2.argon2id,
            memoryCost: 4096,
            timeCost: 1,
            parallelism: 1,
          }),
        ]);
      }
    } finally {
      await dataSource.destroy();
    }
  }
  const server = await chromium;
  if (server) {
    process.env[SHARED_CHROMIUM_ENV] = server.wsEndpoint();
    (globalThis as { accordsTestChromium?: typeof server }).accordsTestChromium = server;
  }
}
