import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { TooManyRequests } from '../common/errors/domain-errors';
import { orServiceUnavailable } from '../redis/redis-errors';
import { REDIS } from '../redis/redis.module';

/** An account may see this many times the per-address limit across all addresses. */
const ACCOUNT_FACTOR = 4;

/**
 * Limits login attempts in Redis, so the limit holds across api processes. Each attempt is counted
 * before the password is checked (one atomic INCR, so a burst of parallel attempts cannot all slip
 * through) and a success clears the counters: only failures accumulate. Two windows: per email and
 * client address, and per email across addresses (against attackers rotating addresses).
 * (@nestjs/throttler counts every request, successes included, and keeps state per process unless
 * given a storage adapter.)
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private keys(email: string, clientIp: string): [string, string] {
    const account = email.toLowerCase();
    return [`login-attempts:${account}:${clientIp}`, `login-attempts:${account}`];
  }

  /** Counts an attempt; throws 429 when either window is full. */
  async begin(email: string, clientIp: string): Promise<void> {
    const [perAddress, perAccount] = this.keys(email, clientIp);
    const window = this.config.LOGIN_WINDOW_SECONDS;
    // Without Redis no attempt can be counted: refuse (503) rather than let logins through unthrottled.
    const results = await orServiceUnavailable(
      this.redis
        .multi()
        .incr(perAddress)
        .expire(perAddress, window, 'NX')
        .incr(perAccount)
        .expire(perAccount, window, 'NX')
        .ttl(perAddress)
        .exec(),
    );
    const count = (i: number) => Number(results?.[i]?.[1] ?? 0);
    const max = this.config.LOGIN_MAX_FAILURES;
    if (count(0) > max || count(2) > max * ACCOUNT_FACTOR) {
      const ttl = count(4);
      const retryAfter = ttl > 0 ? ttl : window;
      throw new TooManyRequests(
        `Too many failed logins; try again in ${retryAfter} seconds.`,
        retryAfter,
      );
    }
  }

  /** The right password: this user's failures no longer count. */
  async succeeded(email: string, clientIp: string): Promise<void> {
    await orServiceUnavailable(this.redis.del(...this.keys(email, clientIp)));
  }
}
