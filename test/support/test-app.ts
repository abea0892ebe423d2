import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { ApiModule } from '../../src/api.module';
import { setupApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { Clock } from '../../src/common/time/clock';
import { hashPassword } from '../../src/common/auth/password-hasher';
import { createFastifyAdapter } from '../../src/http/fastify-adapter';
import {
  databaseUrl,
  runId,
  SEED_PASSWORD,
  templateName,
  withAdminClient,
  withClient,
} from './test-env';
import { TestClock } from './test-clock';

export const DEMO = {
  admin: 'admin@accords.example',
  pm: 'pm@accords.example',
  focalMa: 'focal.ma@accords.example',
  focalCi: 'focal.ci@accords.example',
  observer: 'observer@accords.example',
} as const;
export const DEMO_PASSWORD = SEED_PASSWORD;

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  clock: TestClock;
  dataSource: DataSource;
  config: AppConfig;
  databaseName: string;
  /** Logs in and answers the bearer header value. */
  tokenFor(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

let suiteCounter = 0;

/**
 * The real api (every module, Fastify, the same setupApp as main.ts) on a fresh copy of a template
 * database and its own Redis key prefix. Only the clock is replaced.
 */
export interface TestAppOptions {
  seeded?: boolean;
  env?: Record<string, string>;
  /** Another api instance on the same database, Redis prefix and clock (horizontal scaling tests). */
  shareWith?: TestApp;
  /** Extra provider overrides (e.g. a stub DNS resolver). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /**
   * The demo accounts' passwords hashed at the production cost, as the seed does, rather than the
   * template's cheap hash (global-setup.ts): for suites that measure the cost of a password check.
   */
  realPasswordHashes?: boolean;
}

let realSeedHash: Promise<string> | undefined;

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const suffix = `${process.pid}_${++suiteCounter}_${Math.random().toString(36).slice(2, 8)}`;
  const shared = options.shareWith;
  const databaseName = shared?.databaseName ?? `accords_t_${runId()}_${suffix}`;
  if (!shared) {
    await withAdminClient((client) =>
      client.query(
        `CREATE DATABASE ${databaseName} TEMPLATE ${templateName(options.seeded === false ? 'empty' : 'seeded')}`,
      ),
    );
    if (options.realPasswordHashes) {
      realSeedHash ??= hashPassword(DEMO_PASSWORD);
      const hash = await realSeedHash;
      await withClient(databaseName, (client) =>
        client.query('UPDATE users SET password_hash = $1', [hash]),
      );
    }
  }
  const config =
    shared?.config ??
    loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_PREFIX: `accords-t-${runId()}-${suffix}`,
      SEED_PASSWORD: DEMO_PASSWORD,
      WORKER_HEALTH_PORT: '0',
      ...options.env,
    });
  const clock = shared?.clock ?? new TestClock();
  let builder = Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock);
  if (options.override) builder = options.override(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    // The adapter main.ts uses; suites can set TRUST_PROXY to speak for several client addresses.
    createFastifyAdapter(config),
    {
      logger: ['error', 'warn'],
    },
  );
  await setupApp(app);
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    clock,
    config,
    databaseName,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    async tokenFor(email, password = DEMO_PASSWORD) {
      const cached = tokens.get(email);
      if (cached && password === DEMO_PASSWORD) return cached;
      const res = await http.post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
      const bearer = `Bearer ${res.body.accessToken as string}`;
      tokens.set(email, bearer);
      return bearer;
    },
    async close() {
      await app.close();
      if (shared) return;
      await withAdminClient((client) =>
        client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`),
      );
    },
  };
}
