/**
 * Local bookkeeping for leased rate-limit budgets (see leased-redis-store.ts for why leases exist).
 *
 * A lease is a slice of one key's budget for the current window, already counted in Redis: this api
 * instance may spend it without asking Redis again. What a request reports as its count is exact
 * for what Redis had counted before the lease plus what this instance spent of it, so one instance
 * alone sees the same counts, headers and 429s as per-request counting, and a lease of 1 (near the
 * limit) is per-request counting.
 */

/** What Redis answered to a claim: the key's count before it, the slice granted, the window left. */
export interface LeaseGrant {
  countBefore: number;
  granted: number;
  ttlMs: number;
}

/** What the rate-limit plugin needs for one request. */
export interface CountedRequest {
  current: number;
  ttl: number;
}

interface Lease {
  countBefore: number;
  granted: number;
  spent: number;
  endsAt: number;
  /** Redis already counted past the limit: every later request of the window is refused locally. */
  exhausted: boolean;
}

export class LeaseBook {
  private readonly leases = new Map<string, Lease>();
  private prunedAt = 0;

  constructor(private readonly pruneEveryMs = 60_000) {}

  /** Spends one request of the key's lease, or undefined when Redis must be asked for a new one. */
  spend(key: string, now: number): CountedRequest | undefined {
    const lease = this.leases.get(key);
    if (!lease || lease.endsAt <= now) return undefined;
    // A window over the limit stays over it: counts only grow until the key expires.
    if (!lease.exhausted && lease.spent >= lease.granted) return undefined;
    lease.spent += 1;
    return { current: lease.countBefore + lease.spent, ttl: lease.endsAt - now };
  }

  /** Records a fresh grant and spends its first request; `max` is the key's limit. */
  record(key: string, grant: LeaseGrant, max: number, now: number): CountedRequest {
    this.pruneExpired(now);
    const current = grant.countBefore + 1;
    this.leases.set(key, {
      countBefore: grant.countBefore,
      granted: grant.granted,
      spent: 1,
      endsAt: now + grant.ttlMs,
      exhausted: current > max,
    });
    return { current, ttl: grant.ttlMs };
  }

  get size(): number {
    return this.leases.size;
  }

  /** Forgets windows that ended, at most once per pruneEveryMs (keys are per user and per address). */
  private pruneExpired(now: number): void {
    if (now - this.prunedAt < this.pruneEveryMs) return;
    this.prunedAt = now;
    for (const [key, lease] of this.leases) if (lease.endsAt <= now) this.leases.delete(key);
  }
}
