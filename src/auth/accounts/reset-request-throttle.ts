import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TooManyRequests } from '../../common/errors/domain-errors';
import { orServiceUnavailable } from '../../redis/redis-errors';
import { REDIS } from '../../redis/redis.module';
import { retryAfter } from '../login-limits';

/**
 * Reset requests allowed per email and per client address in a window. Counted for every request,
 * known email or not, so that a 429 says nothing about whether the account exists; the per-email limit
 * keeps anyone from filling a mailbox, the per-address one from walking through a list of emails.
 */
export const RESET_REQUEST_LIMITS = { perEmail: 3, perAddress: 10, windowSeconds: 900 } as const;

/** Counters in Redis (shared by every api instance), like the login limits. */
@Injectable()
export class ResetRequestThrottle {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Counts the request; throws 429 with Retry-After once either limit is passed. */
  async count(email: string, clientIp: string): Promise<void> {
    const account = createHash('sha256').update(email.toLowerCase()).digest('base64url');
    const emailKey = `reset-request:email:${account}`;
    const addressKey = `reset-request:address:${clientIp}`;
    const window = RESET_REQUEST_LIMITS.windowSeconds;
    const results = await orServiceUnavailable(
      this.redis
        .multi()
        .incr(emailKey)
        .expire(emailKey, window, 'NX')
        .incr(addressKey)
        .expire(addressKey, window, 'NX')
        .ttl(emailKey)
        .ttl(addressKey)
        .exec(),
    );
    const at = (i: number) => Number(results?.[i]?.[1] ?? 0);
    const over =
      at(0) > RESET_REQUEST_LIMITS.perEmail
        ? at(4)
        : at(2) > RESET_REQUEST_LIMITS.perAddress
          ? at(5)
          : null;
    if (over !== null) {
      const wait = retryAfter(over, window);
      throw new TooManyRequests(
        `Too many password reset requests; try again in ${wait} seconds.`,
        wait,
      );
    }
  }
}
