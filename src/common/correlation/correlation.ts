import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * One correlation id per HTTP request and per queue job, carried through async calls so that every log
 * line and every problem+json answer of that request or job can be tied together.
 */
const storage = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `work` (and everything it awaits) under `id`. */
export function withCorrelationId<T>(id: string, work: () => T): T {
  return storage.run({ correlationId: id }, work);
}

/** The id of the request or job being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Accepts a caller's id only if it is short and plain, so a header cannot inject log lines. */
export function correlationIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(header)
    ? header
    : randomUUID();
}
