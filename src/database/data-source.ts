import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '../config/database-config';
import { loadEnvFileIfPresent } from '../config/env-file';
import { typeOrmOptions } from './typeorm-options';

/** Used by the TypeORM CLI (`npm run migration:run`); reads DATABASE_URL only (no JWT_SECRET needed). */
loadEnvFileIfPresent();
export default new DataSource(typeOrmOptions(loadDatabaseConfig().DATABASE_URL));
