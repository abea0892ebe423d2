import type { INestApplicationContext } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { AppConfig } from '../../src/config/app-config';
import { Clock } from '../../src/common/time/clock';
import { WorkerModule } from '../../src/worker.module';
import type { TestApp } from './test-app';

/** A worker process's module, in this process, on the same database, Redis prefix and clock as `t`. */
export async function startWorker(
  t: TestApp,
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<INestApplicationContext> {
  let builder = Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(t.config)
    .overrideProvider(Clock)
    .useValue(t.clock);
  if (override) builder = override(builder);
  const moduleRef = await builder.compile();
  await moduleRef.init();
  return moduleRef;
}
