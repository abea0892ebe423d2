import { Module } from '@nestjs/common';
import { AccountMailModule } from './auth/accounts/account-mail.module';
import { CoreModule } from './config/core.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PackPrintingModule } from './meeting-packs/meeting-packs.module';
import { QueuesModule } from './queues/queues.module';
import { RedisModule } from './redis/redis.module';
import { RemindersModule } from './reminders/reminders.module';
import { JobSchedules } from './worker/job-schedules';
import { NotificationsModule } from './notifications/notifications.module';
import { QueueWorkers } from './worker/queue-workers';
import { WorkerHealthServer } from './worker/worker-health-server';

/** The worker process: queue processors and job schedulers; no HTTP but a health port. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule,
    RedisModule,
    QueuesModule,
    RemindersModule,
    NotificationsModule,
    AccountMailModule,
    HealthModule,
    PackPrintingModule,
    // The worker serves no HTTP, but the modules it shares with the api carry their controllers, and
    // every POST handler names IdempotencyInterceptor (idempotent-post.decorator.ts): Nest resolves it
    // here too.
    IdempotencyModule,
  ],
  providers: [QueueWorkers, JobSchedules, WorkerHealthServer],
})
export class WorkerModule {}
