import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule } from './api.module';
import { setupApp } from './app.setup';
import { loadConfig } from './config/app-config';

async function bootstrap() {
  const config = loadConfig(); // fail fast, naming the variable, before anything connects
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({ trustProxy: config.trustProxy, bodyLimit: 5 * 1024 * 1024 }),
  );
  await setupApp(app);
  await app.listen(config.PORT, '0.0.0.0');
  Logger.log(`Accords api listening on port ${config.PORT}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
