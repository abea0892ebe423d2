import { plainToInstance } from 'class-transformer';
import { Matches, validateSync } from 'class-validator';
import { ConfigError } from './app-config';

/**
 * What the TypeORM CLI needs (`npm run migration:run`): the database and nothing else. Migrating must
 * not depend on the api's secrets (JWT_SECRET in production): an operator migrates before the api
 * starts, often from a job that has no business holding the token secret.
 */
export class DatabaseConfig {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/accords';
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const raw = env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {};
  const config = plainToInstance(DatabaseConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
  );
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
