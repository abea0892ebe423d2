import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { setupApp } from './app.setup';
import { CorrelatedLogger } from './common/correlation/correlated-logger';
import { loadConfig } from './config/app-config';
import { loadEnvFileIfPresent } from './config/env-file';
import { createFastifyAdapter } from './http/fastify-adapter';

async function bootstrap() {
  loadEnvFileIfPresent();
  const config = loadConfig(); // fail fast, naming the variable, before anything connects
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    createFastifyAdapter(config),
    // Each log line carries the request's correlation id (its X-Request-Id).
    { logger: new CorrelatedLogger() },
  );
  await setupApp(app);
  await app.listen(config.PORT, '0.0.0.0');
  Logger.log(`Accords api listening on port ${config.PORT}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
