import { createHash } from 'node:crypto';
import { InvalidInput } from '../common/errors/domain-errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** How long a key is remembered: a retry after that runs the request again. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A key still "in progress" after this long belongs to a request that died (process stopped, crash):
 * the next request with it may run. Generous, because running a slow request twice is worse than
 * making a retry wait.
 */
export const IN_PROGRESS_TIMEOUT_MS = 5 * 60 * 1000;

/** Letters, digits and `-._~:` (UUIDs, ULIDs, base64url all fit), at most 255 characters. */
const KEY_PATTERN = /^[A-Za-z0-9\-._~:]{1,255}$/;

/** The key from the header, undefined without one; 400 naming the header when it is malformed. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) {
    throw InvalidInput.field(IDEMPOTENCY_KEY_HEADER, 'must be sent once');
  }
  if (!KEY_PATTERN.test(header)) {
    throw InvalidInput.field(
      IDEMPOTENCY_KEY_HEADER,
      'must be 1 to 255 characters among letters, digits and - . _ ~ :',
    );
  }
  return header;
}

/**
 * JSON with object keys sorted, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` count as the same request.
 * Follows JSON.stringify for everything else (undefined members dropped, toJSON honoured).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** SHA-256 of the body: its bytes for a raw upload (CSV, XLSX), else its canonical JSON. */
export function requestHash(body: unknown): string {
  const hash = createHash('sha256');
  if (Buffer.isBuffer(body)) hash.update('raw:').update(body);
  else hash.update('json:').update(body === undefined ? '' : canonicalJson(body));
  return hash.digest('hex');
}

export interface KeyedRequest {
  method: string;
  path: string;
  requestHash: string;
}

export interface StoredKey extends KeyedRequest {
  responseStatus: number | null;
  createdAt: Date;
}

/**
 * What to do with a request whose key is already stored:
 * - `take_over`: the stored key expired, or its request died while running: run this one;
 * - `mismatch`: the key was used for another request (other route or body): 422;
 * - `in_progress`: the first request with this key is still running: 409, retry later;
 * - `replay`: answer what the first request answered.
 */
export function decideOnStoredKey(
  stored: StoredKey,
  request: KeyedRequest,
  now: Date,
): 'take_over' | 'mismatch' | 'in_progress' | 'replay' {
  const age = now.getTime() - stored.createdAt.getTime();
  if (age >= IDEMPOTENCY_KEY_TTL_MS) return 'take_over';
  if (
    stored.method !== request.method ||
    stored.path !== request.path ||
    stored.requestHash !== request.requestHash
  ) {
    return 'mismatch';
  }
  if (stored.responseStatus === null) {
    return age >= IN_PROGRESS_TIMEOUT_MS ? 'take_over' : 'in_progress';
  }
  return 'replay';
}
