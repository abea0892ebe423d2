import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { CorrelatedLogger } from './common/correlation/correlated-logger';
import { loadConfig } from './config/app-config';
import { loadEnvFileIfPresent } from './config/env-file';
import { REDIS } from './redis/redis.module';
import { WorkerModule } from './worker.module';

async function bootstrap() {
  loadEnvFileIfPresent();
  loadConfig(); // fail fast, naming the variable
  // Every log line of a job carries its correlation id (`job-<id>`): see worker/job-dispatch.ts.
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new CorrelatedLogger(),
  });
  app.enableShutdownHooks(); // SIGTERM: Nest closes modules, which lets in-flight jobs finish
  const logger = new Logger('Worker');
  await app.get<DataSource>(getDataSourceToken()).query('SELECT 1');
  await app.get<Redis>(REDIS).ping();
  logger.log('Accords worker started: PostgreSQL and Redis reachable');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
