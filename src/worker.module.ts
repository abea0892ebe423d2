import { Module } from '@nestjs/common';
import { CoreModule } from './config/core.module';
import { DatabaseModule } from './database/database.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';
import { RemindersModule } from './reminders/reminders.module';
import { QueueWorkers } from './worker/queue-workers';

/** The worker process: queue processors and job schedulers, no HTTP. */
@Module({
  imports: [CoreModule, DatabaseModule, RedisModule, QueuesModule, RemindersModule],
  providers: [QueueWorkers],
})
export class WorkerModule {}
