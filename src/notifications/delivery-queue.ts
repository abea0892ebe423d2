import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { deliveryJobId, JOBS, QUEUES } from '../queues/queue-names';
import { orServiceUnavailable } from '../redis/redis-errors';

const ADD_CHUNK = 1000;

export interface DeliveryJob {
  notificationId: string;
}

export interface QueuedRow {
  id: string;
  notBefore: Date;
}

/**
 * The delivery queue, as notifications/ uses it. Redis is only transport: the job id is derived from
 * the row id, so adding a row twice leaves one job, and a lost job is put back from the table. When
 * Redis does not answer, calls fail fast with ServiceUnavailable (a 503 for the api's manual sweep);
 * the rows stay pending in PostgreSQL for the next sweep.
 */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly queue: Queue<DeliveryJob>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async add(rows: QueuedRow[]): Promise<void> {
    // In chunks: a first sweep at 1M activities enqueues ~70k jobs, and one pipeline of that size
    // outlasts the Redis command timeout on a busy host (the whole sweep then failed with a 503).
    for (let i = 0; i < rows.length; i += ADD_CHUNK) {
      await this.addChunk(rows.slice(i, i + ADD_CHUNK));
    }
  }

  private async addChunk(rows: QueuedRow[]): Promise<void> {
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
  }

  /**
   * True when a job for the row is waiting, delayed or running. A finished (or orphaned) job keeps its
   * id and would swallow a new add, so it is removed and false answered.
   */
  holds(notificationId: string): Promise<boolean> {
    return orServiceUnavailable(this.jobIsLive(notificationId));
  }

  private async jobIsLive(notificationId: string): Promise<boolean> {
    const job = await this.queue.getJob(deliveryJobId(notificationId));
    if (!job) return false;
    const state = await job.getState();
    if (state === 'completed' || state === 'failed' || state === 'unknown') {
      await job.remove();
      return false;
    }
    return true;
  }
}
