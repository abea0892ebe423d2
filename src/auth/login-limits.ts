/**
 * Which login limit applies to an attempt, and when the caller may try again. Pure rules: the counters
 * come from Redis (login-throttle.ts), the decision is made here.
 *
 * Four counters, each counting attempts that reached (or are about to reach) the password check and
 * were not refunded by a success, so that in effect they count failures:
 * - per account and client address (the classic lockout, LOGIN_MAX_FAILURES per LOGIN_WINDOW_SECONDS);
 * - per client address over all accounts (a flood of distinct, often unknown, emails from one place:
 *   each one costs an argon2 computation);
 * - per deployment (a distributed flood), answered 503 because the caller is not at fault, except to
 *   an address the account logged in from before;
 * - per account over all addresses: past a free allowance only a soft, growing delay between
 *   attempts, and never for an address this account already logged in from. OWASP advises against a
 *   hard per-account lockout: anyone could then lock a known user out by guessing from elsewhere.
 */

/** Counters after this attempt was counted, and the seconds each window still runs. */
export interface LoginCounts {
  pairFailures: number;
  pairTtlSeconds: number;
  addressFailures: number;
  addressTtlSeconds: number;
  accountFailures: number;
  globalFailures: number;
  globalTtlSeconds: number;
  /** The account logged in successfully from this address recently. */
  trustedAddress: boolean;
}

export interface LoginLimits {
  /** Per account and address, within windowSeconds. */
  maxPairFailures: number;
  windowSeconds: number;
  /** Per address over all accounts, per burst window. */
  maxAddressFailures: number;
  /** Per deployment, per burst window. */
  maxGlobalFailures: number;
}

/** Window of the per-address and deployment-wide counters: short, since they guard capacity. */
export const BURST_WINDOW_SECONDS = 60;
/** An account sees this many times the per-pair allowance across addresses before any delay. */
export const ACCOUNT_FREE_FACTOR = 4;
/** The per-account delay doubles with each further failure up to this many seconds. */
export const ACCOUNT_MAX_DELAY_SECONDS = 60;
/** How long a successful login makes its address exempt from the per-account delay. */
export const TRUSTED_ADDRESS_SECONDS = 30 * 24 * 3600;

export type LoginVerdict =
  | { kind: 'allow' }
  /** The account is under attack from elsewhere: allowed only if the account's delay slot is free. */
  | { kind: 'account-delay'; delaySeconds: number }
  | { kind: 'refuse'; limit: 'pair' | 'address'; retryAfterSeconds: number }
  | { kind: 'busy'; limit: 'global'; retryAfterSeconds: number };

/** A window's remaining time as Retry-After: Redis answers -1 (no expiry) or -2 (gone) as well. */
export function retryAfter(ttlSeconds: number, windowSeconds: number): number {
  return ttlSeconds > 0 ? Math.min(ttlSeconds, windowSeconds) : windowSeconds;
}

/** Seconds between attempts on an account from untrusted addresses; 0 while within the allowance. */
export function accountDelaySeconds(accountFailures: number, maxPairFailures: number): number {
  const over = accountFailures - maxPairFailures * ACCOUNT_FREE_FACTOR;
  if (over <= 0) return 0;
  return Math.min(2 ** Math.min(over - 1, 30), ACCOUNT_MAX_DELAY_SECONDS);
}

/**
 * The caller's own limits first (429: it is their doing), then the deployment's (503), then the
 * account's soft delay.
 */
export function decideLoginAttempt(counts: LoginCounts, limits: LoginLimits): LoginVerdict {
  if (counts.pairFailures > limits.maxPairFailures) {
    return {
      kind: 'refuse',
      limit: 'pair',
      retryAfterSeconds: retryAfter(counts.pairTtlSeconds, limits.windowSeconds),
    };
  }
  if (counts.addressFailures > limits.maxAddressFailures) {
    return {
      kind: 'refuse',
      limit: 'address',
      retryAfterSeconds: retryAfter(counts.addressTtlSeconds, BURST_WINDOW_SECONDS),
    };
  }
  // A returning address skips the deployment's limit: it is the login most likely genuine, and the
  // hash queue still bounds what it costs.
  if (!counts.trustedAddress && counts.globalFailures > limits.maxGlobalFailures) {
    return {
      kind: 'busy',
      limit: 'global',
      retryAfterSeconds: retryAfter(counts.globalTtlSeconds, BURST_WINDOW_SECONDS),
    };
  }
  if (!counts.trustedAddress) {
    const delaySeconds = accountDelaySeconds(counts.accountFailures, limits.maxPairFailures);
    if (delaySeconds > 0) return { kind: 'account-delay', delaySeconds };
  }
  return { kind: 'allow' };
}

/** Retry-After while another attempt holds the account's delay slot (Redis PTTL, in milliseconds). */
export function delaySlotRetryAfter(pttlMs: number, delaySeconds: number): number {
  return pttlMs > 0 ? Math.max(1, Math.ceil(pttlMs / 1000)) : delaySeconds;
}
