import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { bullPrefix, QUEUES } from './queue-names';

/** Completed and failed jobs are trimmed by age and count: PostgreSQL keeps the record, not Redis. */
export const DEFAULT_JOB_OPTIONS = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/** BullMQ connection and queues, shared by the api (which only adds jobs) and the worker. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: bullPrefix(config.REDIS_PREFIX),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue({ name: QUEUES.reminders }, { name: QUEUES.deliveries }),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
