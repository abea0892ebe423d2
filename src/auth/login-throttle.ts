import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ChainableCommander, Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { ServiceBusy, TooManyRequests } from '../common/errors/domain-errors';
import { orServiceUnavailable } from '../redis/redis-errors';
import { REDIS } from '../redis/redis.module';
import {
  BURST_WINDOW_SECONDS,
  decideLoginAttempt,
  delaySlotRetryAfter,
  LoginLimits,
  TRUSTED_ADDRESS_SECONDS,
} from './login-limits';

/** An attempt that passed the limits; hand it back to `succeeded` or `notChecked`. */
export interface LoginTicket {
  keys: LoginKeys;
  /** The account logged in from this address before: its password check goes ahead of the queue. */
  trustedAddress: boolean;
}

interface LoginKeys {
  pair: string;
  address: string;
  account: string;
  global: string;
  accountDelay: string;
  trusted: string;
}

/**
 * Login attempt limits kept in Redis, so they hold across api processes (rules in login-limits.ts).
 * Each attempt is counted before the password is checked, in one MULTI of INCRs, so a burst of
 * parallel attempts cannot all slip through; a success refunds its counts, so in effect only failures
 * accumulate. (@nestjs/throttler counts every request, successes included, and has no notion of the
 * account/address pair.)
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private get limits(): LoginLimits {
    return {
      maxPairFailures: this.config.LOGIN_MAX_FAILURES,
      windowSeconds: this.config.LOGIN_WINDOW_SECONDS,
      maxAddressFailures: this.config.LOGIN_ADDRESS_MAX_FAILURES,
      maxGlobalFailures: this.config.LOGIN_GLOBAL_MAX_FAILURES,
    };
  }

  private keys(email: string, clientIp: string): LoginKeys {
    // Hashed, so Redis holds no email addresses; the colon-free digest keeps keys unambiguous.
    const account = createHash('sha256').update(email.toLowerCase()).digest('base64url');
    return {
      pair: `login:pair:${account}:${clientIp}`,
      address: `login:address:${clientIp}`,
      account: `login:account:${account}`,
      global: 'login:global',
      accountDelay: `login:account-delay:${account}`,
      trusted: `login:trusted:${account}:${clientIp}`,
    };
  }

  /** Counts an attempt; throws 429 (the caller's limits) or 503 (the deployment's) when refused. */
  async begin(email: string, clientIp: string): Promise<LoginTicket> {
    const keys = this.keys(email, clientIp);
    const limits = this.limits;
    // Without Redis no attempt can be counted: refuse (503) rather than let logins through unthrottled.
    const results = await orServiceUnavailable(
      this.redis
        .multi()
        .incr(keys.pair)
        .expire(keys.pair, limits.windowSeconds, 'NX')
        .incr(keys.address)
        .expire(keys.address, BURST_WINDOW_SECONDS, 'NX')
        .incr(keys.account)
        .expire(keys.account, limits.windowSeconds, 'NX')
        .incr(keys.global)
        .expire(keys.global, BURST_WINDOW_SECONDS, 'NX')
        .ttl(keys.pair)
        .ttl(keys.address)
        .ttl(keys.global)
        .exists(keys.trusted)
        .exec(),
    );
    const at = (i: number) => Number(results?.[i]?.[1] ?? 0);
    const trustedAddress = at(11) === 1;
    const verdict = decideLoginAttempt(
      {
        pairFailures: at(0),
        addressFailures: at(2),
        accountFailures: at(4),
        globalFailures: at(6),
        pairTtlSeconds: at(8),
        addressTtlSeconds: at(9),
        globalTtlSeconds: at(10),
        trustedAddress,
      },
      limits,
    );
    const ticket = { keys, trustedAddress };
    switch (verdict.kind) {
      case 'allow':
        return ticket;
      case 'refuse':
        await this.notChecked(ticket);
        throw new TooManyRequests(
          `Too many failed logins; try again in ${verdict.retryAfterSeconds} seconds.`,
          verdict.retryAfterSeconds,
        );
      case 'busy':
        await this.notChecked(ticket);
        throw new ServiceBusy(
          `Too many logins are failing right now; try again in ${verdict.retryAfterSeconds} seconds.`,
          verdict.retryAfterSeconds,
        );
      case 'account-delay': {
        // One attempt per delay across all untrusted addresses: SET NX takes the slot atomically.
        const delay = verdict.delaySeconds;
        const took = await orServiceUnavailable(
          this.redis.set(keys.accountDelay, '1', 'EX', delay, 'NX'),
        );
        if (took === 'OK') return ticket;
        await this.notChecked(ticket);
        const wait = delaySlotRetryAfter(await this.redis.pttl(keys.accountDelay), delay);
        throw new TooManyRequests(
          `Too many failed logins for this account; try again in ${wait} seconds.`,
          wait,
        );
      }
    }
  }

  /**
   * The password was never checked (refused, or shed by the hash queue): the attempt stays counted
   * against the caller's own pair and address, which is what slows an attacker down, but not against
   * the account and the deployment, which only count password checks.
   */
  async notChecked(ticket: LoginTicket): Promise<void> {
    await orServiceUnavailable(
      this.refund(this.redis.multi(), [
        [ticket.keys.account, this.limits.windowSeconds],
        [ticket.keys.global, BURST_WINDOW_SECONDS],
      ]).exec(),
    );
  }

  /** The right password: this attempt was no failure, and this address is now known to the account. */
  async succeeded(ticket: LoginTicket): Promise<void> {
    const { keys } = ticket;
    const transaction = this.redis
      .multi()
      .del(keys.pair)
      .set(keys.trusted, '1', 'EX', TRUSTED_ADDRESS_SECONDS);
    await orServiceUnavailable(
      this.refund(transaction, [
        [keys.address, BURST_WINDOW_SECONDS],
        [keys.account, this.limits.windowSeconds],
        [keys.global, BURST_WINDOW_SECONDS],
      ]).exec(),
    );
  }

  /**
   * Gives back one count per key. Should the window have ended meanwhile, DECR recreates the key at -1:
   * EXPIRE NX then still bounds it, at the cost of one extra allowed attempt in the next window.
   */
  private refund(transaction: ChainableCommander, keys: [string, number][]): ChainableCommander {
    for (const [key, seconds] of keys) transaction.decr(key).expire(key, seconds, 'NX');
    return transaction;
  }
}
