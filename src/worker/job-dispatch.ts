import { type Job, UnrecoverableError } from 'bullmq';
import { withCorrelationId } from '../common/correlation/correlation';

export type JobHandler = (job: Job) => Promise<unknown>;

/** A job whose name no handler knows: failed at once, never retried, never mistaken for another. */
export class UnknownJob extends UnrecoverableError {}

/** The job names a queue carries that have no handler; empty when the worker may start. */
export function missingHandlers(
  expected: readonly string[],
  handlers: ReadonlyMap<string, JobHandler>,
): string[] {
  return expected.filter((name) => !handlers.has(name));
}

/** Refuses a worker whose queue carries a job name it cannot handle. */
export function assertHandled(
  queue: string,
  expected: readonly string[],
  handlers: ReadonlyMap<string, JobHandler>,
): void {
  const missing = missingHandlers(expected, handlers);
  if (missing.length > 0) {
    throw new Error(`queue ${queue}: no handler for job ${missing.join(', ')}`);
  }
}

/**
 * The processor for one queue: the handler named by the job, run under the job's correlation id so
 * that every log line it causes can be tied to it. An unknown name fails the job.
 */
export function dispatcher(
  queue: string,
  handlers: ReadonlyMap<string, JobHandler>,
): (job: Job) => Promise<unknown> {
  return (job) =>
    withCorrelationId(`job-${job.id ?? 'unknown'}`, () => {
      const handler = handlers.get(job.name);
      if (!handler) {
        return Promise.reject(
          new UnknownJob(`queue ${queue} has no handler for job "${job.name}"`),
        );
      }
      return handler(job);
    });
}
