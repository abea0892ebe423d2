import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import type { DeliveryJob } from '../notifications/notification-enqueuer';
import { bullPrefix, JOBS, QUEUES, SCHEDULERS } from '../queues/queue-names';
import { DeliveryService } from '../reminders/delivery.service';
import { SweepService } from '../reminders/sweep.service';

const DIGEST_CHECK_EVERY_MS = 15 * 60 * 1000;

/**
 * The worker's BullMQ workers and job schedulers. Workers are built here rather than with
 * @Processor because their concurrency and lock duration come from the validated configuration at
 * run time. Processors are one call into a service; errors reach BullMQ, which retries.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');
  private workers: Worker[] = [];

  constructor(
    @InjectQueue(QUEUES.reminders) private readonly reminders: Queue,
    private readonly sweeps: SweepService,
    private readonly deliveries: DeliveryService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const common = {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: bullPrefix(this.config.REDIS_PREFIX),
      lockDuration: this.config.DELIVERY_LOCK_MS,
      stalledInterval: this.config.DELIVERY_LOCK_MS,
    };
    this.workers = [
      new Worker(
        QUEUES.reminders,
        (job: Job) => (job.name === JOBS.digest ? this.sweeps.planDigests() : this.sweeps.sweep()),
        { ...common, concurrency: 1 },
      ),
      new Worker<DeliveryJob>(
        QUEUES.deliveries,
        (job) =>
          this.deliveries.deliver(
            job.data.notificationId,
            job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          ),
        { ...common, concurrency: this.config.DELIVERY_CONCURRENCY },
      ),
    ];
    for (const worker of this.workers) {
      worker.on('error', (error) => this.logger.error(`${worker.name}: ${error.message}`));
    }
    // One scheduler id each: every worker upserts the same schedule, so N workers give one.
    await this.reminders.upsertJobScheduler(
      SCHEDULERS.sweep,
      { every: this.config.REMINDER_SWEEP_EVERY_MS },
      { name: JOBS.sweep },
    );
    await this.reminders.upsertJobScheduler(
      SCHEDULERS.digest,
      { every: DIGEST_CHECK_EVERY_MS },
      { name: JOBS.digest },
    );
    this.logger.log(
      `processing ${QUEUES.reminders} and ${QUEUES.deliveries}; sweep every ${this.config.REMINDER_SWEEP_EVERY_MS} ms`,
    );
  }

  /** SIGTERM: stop taking jobs and let the ones in flight finish. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`${signal ?? 'shutdown'}: finishing jobs in flight, taking no new ones`);
    await Promise.all(this.workers.map((w) => w.close()));
    this.logger.log('workers closed');
  }
}
