import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { AccountMailComposer, ACCOUNT_SUBJECT } from '../auth/accounts/account-mail.composer';
import { AppConfig } from '../config/app-config';
import type { MessageComposer } from '../notifications/message-composer';
import type { DeliveryJob } from '../notifications/delivery-queue';
import { NotificationDelivery } from '../notifications/notification-delivery';
import { PackPrinter } from '../meeting-packs/pack-printer';
import type { PackJob } from '../meeting-packs/pack-queue';
import { bullPrefix, JOBS, QUEUE_JOBS, QUEUES } from '../queues/queue-names';
import { ReminderMessageComposer } from '../reminders/reminder-message-composer';
import { SweepService } from '../reminders/sweep.service';
import { assertHandled, dispatcher, type JobHandler, UnknownJob } from './job-dispatch';
import { JobSchedules, scheduleRefreshMs } from './job-schedules';

/**
 * The worker's BullMQ workers. Built here rather than with @Processor because their concurrency and
 * lock duration come from the validated configuration at run time. Each queue has a map of job name to
 * handler, checked against the queue's job names at start; handlers are one call into a service, and
 * errors reach BullMQ, which retries.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueWorkers');
  private workers: Worker[] = [];
  private keepRunning: NodeJS.Timeout | null = null;

  constructor(
    private readonly sweeps: SweepService,
    private readonly delivery: NotificationDelivery,
    private readonly reminderComposer: ReminderMessageComposer,
    private readonly accountMail: AccountMailComposer,
    private readonly schedules: JobSchedules,
    private readonly packs: PackPrinter,
    private readonly config: AppConfig,
  ) {}

  /** Who writes a row's message: account mails (invitation, reset) or reminders and digests. */
  private readonly composer: MessageComposer = {
    compose: (row) =>
      (row.subjectType === ACCOUNT_SUBJECT ? this.accountMail : this.reminderComposer).compose(row),
  };

  /** Job name -> handler, per queue. */
  handlers(): Record<(typeof QUEUES)[keyof typeof QUEUES], Map<string, JobHandler>> {
    return {
      [QUEUES.reminders]: new Map<string, JobHandler>([
        [JOBS.sweep, () => this.sweeps.sweep()],
        [JOBS.digest, () => this.sweeps.planDigests()],
      ]),
      [QUEUES.deliveries]: new Map<string, JobHandler>([
        [
          JOBS.deliver,
          (job: Job<DeliveryJob>) =>
            this.delivery.deliver(
              job.data.notificationId,
              this.composer,
              job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
            ),
        ],
      ]),
      [QUEUES.packs]: new Map<string, JobHandler>([
        [
          JOBS.printPack,
          (job: Job<PackJob>) =>
            this.packs.print(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
        ],
      ]),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.handlers();
    for (const [queue, map] of Object.entries(handlers)) {
      assertHandled(queue, QUEUE_JOBS[queue as keyof typeof QUEUE_JOBS], map);
    }
    const common = {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: bullPrefix(this.config.REDIS_PREFIX),
      lockDuration: this.config.DELIVERY_LOCK_MS,
      stalledInterval: this.config.DELIVERY_LOCK_MS,
      // After a failed fetch (Redis down or restarting) BullMQ waits this long before trying again; its
      // default of 15 s would leave the worker idle long after Redis is back.
      runRetryDelay: 1000,
    };
    this.workers = [
      new Worker(QUEUES.reminders, dispatcher(QUEUES.reminders, handlers[QUEUES.reminders]), {
        ...common,
        concurrency: 1,
      }),
      new Worker(QUEUES.deliveries, dispatcher(QUEUES.deliveries, handlers[QUEUES.deliveries]), {
        ...common,
        concurrency: this.config.DELIVERY_CONCURRENCY,
      }),
      // One pack at a time per worker: each holds a Chromium page and a PDF in memory.
      new Worker(QUEUES.packs, dispatcher(QUEUES.packs, handlers[QUEUES.packs]), {
        ...common,
        concurrency: 1,
      }),
    ];
    for (const worker of this.workers) {
      worker.on('error', (error) => this.logger.error(`${worker.name}: ${error.message}`));
      worker.on('failed', (job, error) => {
        // Other failures are retried and recorded on the row; a job nobody can handle is a bug.
        if (error instanceof UnknownJob) this.logger.error(`${worker.name}: ${error.message}`);
        // A pack job that stalled out of its attempts never reached its handler's last attempt.
        if (worker.name === QUEUES.packs && job && isOutOfAttempts(job)) {
          void this.packs
            .abandoned(job.data as PackJob, error.message)
            .catch((e: Error) => this.logger.error(`${worker.name}: ${e.message}`));
        }
      });
    }
    await this.schedules.start();
    this.keepRunning = setInterval(
      () => this.resumeStopped(),
      scheduleRefreshMs(this.config.REMINDER_SWEEP_EVERY_MS),
    );
    this.keepRunning.unref();
    this.logger.log(
      `processing ${QUEUES.reminders} and ${QUEUES.deliveries}; sweep every ${this.config.REMINDER_SWEEP_EVERY_MS} ms`,
    );
  }

  /**
   * A worker whose run loop ended on an error (Redis unreachable while it started or checked stalled
   * jobs) would stay idle for good: start it again.
   */
  private resumeStopped(): void {
    for (const worker of this.workers) {
      if (worker.isRunning() || worker.closing) continue;
      this.logger.warn(`${worker.name}: run loop had stopped, starting it again`);
      worker.run().catch((error: Error) => this.logger.error(`${worker.name}: ${error.message}`));
    }
  }

  /** SIGTERM: stop taking jobs and let the ones in flight finish. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`${signal ?? 'shutdown'}: finishing jobs in flight, taking no new ones`);
    if (this.keepRunning) clearInterval(this.keepRunning);
    await this.schedules.stop();
    await Promise.all(this.workers.map((w) => w.close()));
    this.logger.log('workers closed');
  }
}

/** BullMQ will not run this job again: it failed on (or stalled past) its last attempt. */
function isOutOfAttempts(job: Job): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}
