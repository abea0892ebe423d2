import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { bullPrefix, QUEUES } from './queue-names';

/** Longest a queue command (an add of up to 1000 jobs) may take before the request gives up. */
const QUEUE_COMMAND_TIMEOUT_MS = 5000;

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
        // Producers fail fast while Redis is down (the caller gets a 503; rows not enqueued are picked
        // up again by the next sweep) instead of holding the request until Redis returns. The
        // worker's own BullMQ workers keep their separate, patient connections (queue-workers.ts).
        connection: {
          url: config.REDIS_URL,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: QUEUE_COMMAND_TIMEOUT_MS,
        },
        prefix: bullPrefix(config.REDIS_PREFIX),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(
      { name: QUEUES.reminders },
      { name: QUEUES.deliveries },
      { name: QUEUES.packs },
    ),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
