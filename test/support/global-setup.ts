import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { todayIn } from '../../src/common/time/calendar-date';
import { seed } from '../../src/database/seed/seed';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { databaseUrl, SEED_PASSWORD, templateName, withAdminClient } from './test-env';

/**
 * Once per run: two template databases, migrated (one also seeded). Each suite copies one of them
 * (CREATE DATABASE ... TEMPLATE), which takes a fraction of a second and isolates suites completely.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_RUN_ID ??= `${Date.now().toString(36)}${process.pid}`;
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
      }
    } finally {
      await dataSource.destroy();
    }
  }
}
