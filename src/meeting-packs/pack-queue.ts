import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOBS, packJobId, QUEUES } from '../queues/queue-names';
import { orServiceUnavailable } from '../redis/redis-errors';

export interface PackJob {
  meetingId: string;
  requestNo: number;
}

/** Printing can fail for a passing reason (Chromium killed, the database restarting): a few tries. */
const PACK_ATTEMPTS = 3;
const PACK_BACKOFF_MS = 5000;

/**
 * The pack queue as the api uses it. The job id comes from the meeting_packs row (meeting and request
 * number), so asking twice while a request waits leaves one job. When Redis does not answer the caller
 * gets a 503 and the row says failed, so asking again starts over.
 */
@Injectable()
export class PackQueue {
  constructor(@InjectQueue(QUEUES.packs) private readonly queue: Queue<PackJob>) {}

  async add(job: PackJob): Promise<void> {
    await orServiceUnavailable(
      this.queue.add(JOBS.printPack, job, {
        jobId: packJobId(job.meetingId, job.requestNo),
        attempts: PACK_ATTEMPTS,
        backoff: { type: 'exponential', delay: PACK_BACKOFF_MS },
      }),
    );
  }
}
