import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { TooManyRequests } from '../common/errors/domain-errors';
import { REDIS } from '../redis/redis.module';

/**
 * Counts failed logins per (email, client address) in Redis, so the limit holds across api processes.
 * Only failures count: a user who types the right password is never locked out by their own successes.
 * (@nestjs/throttler counts every request and keeps state per process unless given a storage adapter.)
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(email: string, clientIp: string): string {
    return `login-failures:${email.toLowerCase()}:${clientIp}`;
  }

  async assertAllowed(email: string, clientIp: string): Promise<void> {
    const key = this.key(email, clientIp);
    const [failures, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    if (Number(failures ?? 0) >= this.config.LOGIN_MAX_FAILURES) {
      const retryAfter = ttl > 0 ? ttl : this.config.LOGIN_WINDOW_SECONDS;
      throw new TooManyRequests(
        `Too many failed logins; try again in ${retryAfter} seconds.`,
        retryAfter,
      );
    }
  }

  async recordFailure(email: string, clientIp: string): Promise<void> {
    const key = this.key(email, clientIp);
    await this.redis.multi().incr(key).expire(key, this.config.LOGIN_WINDOW_SECONDS, 'NX').exec();
  }

  async reset(email: string, clientIp: string): Promise<void> {
    await this.redis.del(this.key(email, clientIp));
  }
}
