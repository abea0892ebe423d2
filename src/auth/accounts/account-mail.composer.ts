import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import type { OutgoingMessage } from '../../notifications/channels/channel';
import type { MessageComposer } from '../../notifications/message-composer';
import type { ClaimedNotification } from '../../notifications/notification-lifecycle';
import { renderMail } from '../../notifications/templates/render-mail';
import { UsersService } from '../../users/users.service';
import { AccountToken } from './account-token.entity';
import { accountTokenKey, tokenFor } from './account-token-codec';
import { ACCOUNT_MAIL_CATALOGUES, accountLinkAnchor, formatInstant } from './account-mail-messages';

/** The notification rows account mails travel in: subject = the token row. */
export const ACCOUNT_SUBJECT = 'account' as const;
export const ACCOUNT_RULE_KIND = 'account';

/**
 * Writes an invitation or reset mail when the delivery worker sends it, in the recipient's language
 * and zone as they are then. Null (the row is cancelled, nothing sent) when the link could no longer
 * be used: already used, replaced by a newer one, expired, or the account deactivated.
 */
@Injectable()
export class AccountMailComposer implements MessageComposer {
  private readonly key: Buffer;

  constructor(
    @InjectRepository(AccountToken) private readonly tokens: Repository<AccountToken>,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = accountTokenKey(config.jwtSecret);
  }

  async compose(row: ClaimedNotification): Promise<OutgoingMessage | null> {
    const token = await this.tokens.findOneBy({ id: row.subjectId });
    if (!token || token.usedAt || token.voidedAt) return null;
    if (token.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const user = await this.users.loadActor(token.userId);
    if (!user) return null;
    const secret = tokenFor(this.key, token.id);
    const body = ACCOUNT_MAIL_CATALOGUES[user.locale]({
      purpose: token.purpose,
      name: user.name,
      email: user.email,
      link: `${this.config.PUBLIC_URL}/?lang=${user.locale}#${accountLinkAnchor(token.purpose, secret)}`,
      expiresAt: formatInstant(token.expiresAt, user.locale, user.timeZone),
      timeZone: user.timeZone,
    });
    return { channel: 'email', to: user.email, mail: renderMail(user.locale, body) };
  }
}
