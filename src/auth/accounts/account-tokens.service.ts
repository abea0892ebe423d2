import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidInput } from '../../common/errors/domain-errors';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { NotificationLifecycle } from '../../notifications/notification-lifecycle';
import type { User } from '../../users/user.entity';
import { ACCOUNT_RULE_KIND, ACCOUNT_SUBJECT } from './account-mail.composer';
import type { TokenPurpose } from './account-token.entity';
import {
  accountTokenKey,
  hashToken,
  TOKEN_LIFETIME_MS,
  TOKEN_PATTERN,
  tokenFor,
} from './account-token-codec';

/** The token a redeemed link carried: whose, and what for. */
export interface RedeemedToken {
  userId: string;
  purpose: TokenPurpose;
}

export const TOKEN_REFUSED =
  'This link is unknown, was already used or has expired. Ask for a new one.';

/**
 * Single-use account links. Issuing voids the user's older open links of the same purpose, writes the
 * token row (its hash only) and plans the mail as a notification row, which the delivery worker sends
 * and retries like any reminder: a crash or an SMTP outage after the answer loses no mail.
 */
@Injectable()
export class AccountTokensService {
  private readonly logger = new Logger('AccountTokens');
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: NotificationLifecycle,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.key = accountTokenKey(config.jwtSecret);
  }

  /** Issues a link and plans its mail; answers the token id. */
  async issue(user: Pick<User, 'id' | 'email'>, purpose: TokenPurpose): Promise<string> {
    const now = this.clock.now();
    const id = randomUUID();
    await this.dataSource.transaction(async (em) => {
      await this.voidOpen(em, user.id, purpose, now);
      await em.query(
        `INSERT INTO account_tokens (id, user_id, purpose, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          user.id,
          purpose,
          hashToken(tokenFor(this.key, id)),
          now.toISOString(),
          new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
        ],
      );
    });
    try {
      await this.lifecycle.plan([
        {
          subjectType: ACCOUNT_SUBJECT,
          subjectId: id,
          rule: purpose,
          ruleKind: ACCOUNT_RULE_KIND,
          dueOn: now.toISOString().slice(0, 10),
          escalated: false,
          recipientType: 'user',
          recipientId: user.id,
          recipientAddress: user.email,
          channel: 'email',
          notBefore: now,
        },
      ]);
    } catch (error) {
      // Redis did not take the job: the row stays pending and the next sweep enqueues it. The caller's
      // answer must not change (a reset request answers the same whether the email exists or not).
      this.logger.warn(`account mail ${id} planned but not enqueued: ${(error as Error).message}`);
    }
    return id;
  }

  /**
   * Marks the link used, in the caller's transaction, and voids the user's other open links: after a
   * new password, an older reset or invitation link must not set another. Throws a 400 naming `token`
   * when it is malformed, unknown, used, replaced or expired.
   */
  async redeem(em: EntityManager, token: string): Promise<RedeemedToken> {
    if (!TOKEN_PATTERN.test(token)) throw InvalidInput.field('token', TOKEN_REFUSED);
    const now = this.clock.now().toISOString();
    const [rows] = (await em.query(
      `UPDATE account_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND voided_at IS NULL AND expires_at > $2
        RETURNING user_id AS "userId", purpose`,
      [hashToken(token), now],
    )) as [RedeemedToken[], number];
    const redeemed = rows[0];
    if (!redeemed) throw InvalidInput.field('token', TOKEN_REFUSED);
    await em.query(
      `UPDATE account_tokens SET voided_at = $2
        WHERE user_id = $1 AND used_at IS NULL AND voided_at IS NULL`,
      [redeemed.userId, now],
    );
    return redeemed;
  }

  private async voidOpen(em: EntityManager, userId: string, purpose: TokenPurpose, now: Date) {
    await em.query(
      `UPDATE account_tokens SET voided_at = $3
        WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND voided_at IS NULL`,
      [userId, purpose, now.toISOString()],
    );
  }
}
