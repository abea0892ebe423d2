import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { InvalidInput, NotAuthenticated } from '../../common/errors/domain-errors';
import { verifyPassword } from '../../common/auth/password-hasher';
import { UsersService } from '../../users/users.service';
import type { UserView } from '../../users/user-view';
import { LoginThrottle } from '../login-throttle';
import { AccountTokensService } from './account-tokens.service';
import type { ChangePasswordDto } from './dto/change-password.dto';
import type { InviteUserDto } from './dto/invite-user.dto';
import type { UpdateProfileDto } from './dto/update-profile.dto';
import { ResetRequestThrottle } from './reset-request-throttle';

/**
 * A reset request answers no sooner than this, known email or not: the work done for a known one
 * (a token row, a notification row, a queue job) must not show in the answer's timing.
 */
export const RESET_REQUEST_MIN_MS = 250;

/** Invitations, password resets, and what people change about their own account. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: AccountTokensService,
    private readonly resetThrottle: ResetRequestThrottle,
    private readonly loginThrottle: LoginThrottle,
  ) {}

  /** Creates the invitee (or refreshes a pending invitation) and mails a new link. */
  async invite(dto: InviteUserDto): Promise<{ user: UserView; created: boolean }> {
    const { user, created } = await this.users.invite(dto);
    await this.tokens.issue(user, 'invitation');
    return { user: await this.users.get(user.id), created };
  }

  /** Mails a reset link to an active account; the same (silent) outcome for any other email. */
  async requestPasswordReset(email: string, clientIp: string): Promise<void> {
    const started = performance.now();
    await this.resetThrottle.count(email, clientIp);
    try {
      const user = await this.users.findActiveByEmail(email);
      if (user) await this.tokens.issue(user, 'password_reset');
    } finally {
      const left = RESET_REQUEST_MIN_MS - (performance.now() - started);
      if (left > 0) await sleep(left);
    }
  }

  /**
   * Sets the password of the link's account and uses up the link, in one transaction; an invitation
   * is accepted by it. The new password ends every earlier session and token (token generation).
   */
  async resetPassword(
    token: string,
    password: string,
  ): Promise<{ id: string; tokenGeneration: number }> {
    const userId = await this.dataSource.transaction(async (em) => {
      const redeemed = await this.tokens.redeem(em, token);
      const [active] = await em.query<{ active: boolean }[]>(
        'SELECT active FROM users WHERE id = $1',
        [redeemed.userId],
      );
      if (!active?.active) {
        // Deactivated since the link was sent: the link stays unusable (and used).
        throw InvalidInput.field('token', 'This account is deactivated; ask an administrator.');
      }
      await this.users.changePassword(redeemed.userId, password, {
        manager: em,
        acceptInvitation: true,
      });
      return redeemed.userId;
    });
    const user = await this.users.findActiveById(userId);
    if (!user) throw new NotAuthenticated();
    return { id: user.id, tokenGeneration: user.tokenGeneration };
  }

  /**
   * Changes the caller's password after checking the current one (limited like a login: a stolen
   * session must not become a way to guess it). Answers the new token generation.
   */
  async changeOwnPassword(
    actor: Actor,
    dto: ChangePasswordDto,
    clientIp: string,
  ): Promise<{ id: string; tokenGeneration: number }> {
    const ticket = await this.loginThrottle.begin(actor.email, clientIp);
    const user = await this.users.findActiveById(actor.id);
    let ok: boolean;
    try {
      ok = await verifyPassword(user?.passwordHash ?? null, dto.currentPassword, {
        key: clientIp,
        priority: ticket.trustedAddress,
      });
    } catch (error) {
      await this.loginThrottle.notChecked(ticket);
      throw error;
    }
    if (!user || !ok) throw InvalidInput.field('currentPassword', 'is not your current password');
    await this.loginThrottle.succeeded(ticket);
    await this.users.changePassword(user.id, dto.newPassword);
    const changed = await this.users.findActiveById(user.id);
    return { id: user.id, tokenGeneration: changed?.tokenGeneration ?? user.tokenGeneration + 1 };
  }

  updateProfile(actor: Actor, dto: UpdateProfileDto): Promise<UserView> {
    return this.users.update(actor.id, {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.locale !== undefined && { locale: dto.locale }),
      ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
    });
  }
}
