import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JOBS, QUEUES, SCHEDULERS } from '../queues/queue-names';

const DIGEST_CHECK_EVERY_MS = 15 * 60 * 1000;

/** How often the schedules are upserted again: within one sweep period, at least once a minute. */
export const scheduleRefreshMs = (sweepEveryMs: number) =>
  Math.max(500, Math.min(Math.floor(sweepEveryMs / 2), 60000));

/**
 * Keeps the sweep and digest schedules in Redis. They live only there, so a Redis that comes back
 * empty (restarted without persistence, flushed, failed over) would stop every sweep until a worker
 * restarts. Each worker therefore upserts them at start, whenever its connection becomes ready again,
 * and on a timer (a FLUSHDB gives no reconnect). Upserting one scheduler id is idempotent: N workers and
 * repeated upserts still give one schedule, keeping its next run time.
 */
@Injectable()
export class JobSchedules {
  private readonly logger = new Logger('JobSchedules');
  private timer: NodeJS.Timeout | null = null;
  private onReady: (() => void) | null = null;
  private stopped = false;

  constructor(
    @InjectQueue(QUEUES.reminders) private readonly reminders: Queue,
    private readonly config: AppConfig,
  ) {}

  async start(): Promise<void> {
    await this.ensure();
    const client = await this.reminders.getBackend().client;
    this.onReady = () => {
      this.logger.log('Redis connection ready again: re-creating job schedules');
      void this.ensure();
    };
    client.on('ready', this.onReady);
    this.timer = setInterval(
      () => void this.ensure(),
      scheduleRefreshMs(this.config.REMINDER_SWEEP_EVERY_MS),
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.onReady) {
      const client = await this.reminders.getBackend().client;
      client.removeListener('ready', this.onReady);
    }
  }

  /** Upserts both schedules; a failure (Redis still down) is logged and tried again later. */
  async ensure(): Promise<void> {
    if (this.stopped) return;
    try {
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
    } catch (error) {
      this.logger.warn(`could not upsert job schedules: ${(error as Error).message}`);
    }
  }
}
