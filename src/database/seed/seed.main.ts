import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { todayIn } from '../../common/time/calendar-date';
import { loadConfig } from '../../config/app-config';
import { loadEnvFileIfPresent } from '../../config/env-file';
import { typeOrmOptions } from '../typeorm-options';
import { seed } from './seed';
import { demoSeedRefusal } from './seed-policy';

/**
 * `npm run seed`: loads the demo data into DATABASE_URL (already migrated); safe to run again. In
 * production only with SEED_DEMO=true and a SEED_PASSWORD of your own (seed-policy.ts).
 */
async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const config = loadConfig();
  const refusal = demoSeedRefusal(config);
  if (refusal) throw new Error(refusal);
  const dataSource = await new DataSource(typeOrmOptions(config.DATABASE_URL)).initialize();
  try {
    const today = todayIn('Africa/Casablanca', new Date());
    const { created } = await seed(dataSource, { password: config.SEED_PASSWORD, today });
    const total = Object.values(created).reduce((sum, n) => sum + n, 0);
    const details = Object.entries(created)
      .map(([table, n]) => `${table}=${n}`)
      .join(' ');
    console.log(`Seed (${today}): created ${total} row(s): ${details}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
