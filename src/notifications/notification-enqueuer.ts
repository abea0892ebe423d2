import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { orServiceUnavailable } from '../redis/redis-errors';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { deliveryJobId, JOBS, QUEUES } from '../queues/queue-names';
import type { InsertedNotification } from './notification-writer';

export interface DeliveryJob {
  notificationId: string;
}

/**
 * Puts notification rows on the delivery queue. The job id is derived from the row id, so enqueueing
 * a row twice (two sweeps, a re-enqueue) leaves one job. Redis is only transport: rows still pending
 * after the grace period are enqueued again, which is what survives a dead worker or a wiped Redis.
 */
@Injectable()
export class NotificationEnqueuer {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue<DeliveryJob>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async enqueue(rows: InsertedNotification[]): Promise<number> {
    if (rows.length === 0) return 0;
    const now = this.clock.now().getTime();
    await orServiceUnavailable(
      this.queue.addBulk(
        rows.map((row) => ({
          name: JOBS.deliver,
          data: { notificationId: row.id },
          opts: {
            jobId: deliveryJobId(row.id),
            delay: Math.max(0, row.notBefore.getTime() - now),
            attempts: this.config.DELIVERY_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
          },
        })),
      ),
    );
    await this.dataSource.query(
      `UPDATE notifications SET enqueued_at = now() WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
    return rows.length;
  }

  /** Re-enqueues pending rows whose job may have been lost; answers how many. */
  async requeueStale(): Promise<number> {
    const stale = await this.dataSource.query<{ id: string; not_before: Date }[]>(
      `SELECT id, not_before FROM notifications
        WHERE status = 'pending'
          AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $1))
          AND (locked_until IS NULL OR locked_until < now())
          AND not_before <= $2::timestamptz
        ORDER BY enqueued_at NULLS FIRST LIMIT 1000`,
      // Rows held for working hours are left alone until then: their delayed job may be fine, and if
      // Redis lost it, queueing it again at its hour is soon enough.
      [this.config.REMINDER_REQUEUE_GRACE_MS / 1000, this.clock.now().toISOString()],
    );
    const toAdd = await orServiceUnavailable(this.withoutLiveJob(stale));
    await this.enqueue(toAdd);
    if (stale.length > toAdd.length) {
      await this.dataSource.query(
        `UPDATE notifications SET enqueued_at = now() WHERE id = ANY($1::uuid[])`,
        [stale.map((r) => r.id)],
      );
    }
    return toAdd.length;
  }

  /** The rows whose delivery job is gone or finished (a finished one is removed so it can be added again). */
  private async withoutLiveJob(
    rows: { id: string; not_before: Date }[],
  ): Promise<InsertedNotification[]> {
    const toAdd: InsertedNotification[] = [];
    for (const row of rows) {
      const job = await this.queue.getJob(deliveryJobId(row.id));
      if (job) {
        const state = await job.getState();
        // A finished (or orphaned) job keeps its id and would swallow a new add: clear it first.
        if (state === 'completed' || state === 'failed' || state === 'unknown') await job.remove();
        else continue; // still waiting, delayed or running
      }
      toAdd.push({ id: row.id, notBefore: new Date(row.not_before) });
    }
    return toAdd;
  }
}
