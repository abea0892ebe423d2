import { ServiceUnavailable } from '../common/errors/domain-errors';

/** Seconds a client is asked to wait before trying again while Redis does not answer. */
export const REDIS_RETRY_AFTER_SECONDS = 5;

/** The messages ioredis rejects a command with when it cannot reach Redis (it has no error classes for most). */
const UNAVAILABLE_MESSAGES = [
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Command timed out',
];
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);

/**
 * Whether an error says that Redis could not be reached (as opposed to Redis refusing a command, a
 * bug). ioredis raises these after its retries (`maxRetriesPerRequest`), its command timeout, or at
 * once when the offline queue is off.
 */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (UNAVAILABLE_MESSAGES.some((message) => error.message.startsWith(message))) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** Runs Redis work, turning an outage into a 503 (with Retry-After) instead of a 500. */
export async function orServiceUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isRedisUnavailable(error)) throw error;
    throw new ServiceUnavailable(
      'Redis, which this request needs, does not answer; try again shortly.',
      REDIS_RETRY_AFTER_SECONDS,
    );
  }
}
