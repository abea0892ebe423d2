import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { NotAuthenticated } from '../../common/errors/domain-errors';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import { UsersService } from '../../users/users.service';
import { hashToken } from '../accounts/account-token-codec';
import { AuthSession } from './auth-session.entity';
import { csrfKey, csrfMatches, csrfTokenFor } from './csrf';
import {
  ACCESS_TTL_SECONDS,
  ROTATION_GRACE_MS,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
} from './session-cookies';

/** New cookies for a page, and the CSRF token its script sends back. */
export interface IssuedSession {
  sessionId: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
}

/** Who a page's access cookie speaks for. */
export interface SessionSubject {
  userId: string;
  generation: number;
  sessionId: string;
}

export type RefreshOutcome =
  | { kind: 'rotated'; session: IssuedSession }
  /** The token was replaced a moment ago by a parallel refresh: the page is fine, no new cookies. */
  | { kind: 'concurrent'; sessionId: string; userId: string; csrfToken: string };

interface AccessClaims {
  sub: string;
  gen: number;
  sid: string;
}

const ENDED = 'Your session has ended; sign in again.';
const REUSED =
  'This session was signed out: its refresh token had already been used (a copy may have been taken). Sign in again.';

/**
 * The page's cookie sessions: a 15-minute access JWT naming its session row, and a refresh token that
 * rotates at each use. Presenting a refresh token that was already replaced (outside the short grace
 * for parallel tabs) revokes the whole session. Every access is checked against the row, so signing
 * out, a reuse, or a password, role, party or active change (token generation) ends it at once.
 */
@Injectable()
export class SessionsService {
  private readonly csrf: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.csrf = csrfKey(config.jwtSecret);
  }

  private get rows() {
    return this.dataSource.getRepository(AuthSession);
  }

  async start(user: { id: string; tokenGeneration: number }): Promise<IssuedSession> {
    const now = this.clock.now();
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken(sessionId);
    await this.rows.insert({
      id: sessionId,
      userId: user.id,
      tokenGeneration: user.tokenGeneration,
      refreshHash: hashToken(refreshToken),
      createdAt: now,
      idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_SECONDS * 1000),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000),
    });
    return this.issue(sessionId, user.id, user.tokenGeneration, refreshToken);
  }

  /** The access cookie's subject, if its session is still open; NotAuthenticated otherwise. */
  async authenticate(accessToken: string): Promise<SessionSubject> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken);
    } catch {
      throw new NotAuthenticated('The session cookie is invalid or expired.');
    }
    if (!isUUID(claims.sid) || !isUUID(claims.sub) || !Number.isInteger(claims.gen)) {
      throw new NotAuthenticated('The session cookie is invalid or expired.');
    }
    const row = await this.rows.findOneBy({ id: claims.sid });
    if (!row || !this.isOpen(row) || row.tokenGeneration !== claims.gen) {
      throw new NotAuthenticated(ENDED);
    }
    return { userId: row.userId, generation: row.tokenGeneration, sessionId: row.id };
  }

  /**
   * The user a well-signed access cookie names, without asking the database: enough to count the
   * request against that user's rate limit (the guard checks the session itself afterwards).
   */
  async userOfAccessToken(accessToken: string): Promise<string | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(accessToken);
      return isUUID(claims.sub) && isUUID(claims.sid) ? claims.sub : undefined;
    } catch {
      return undefined;
    }
  }

  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const sessionId = sessionIdOf(refreshToken);
    const row = sessionId ? await this.rows.findOneBy({ id: sessionId }) : null;
    if (!row || !this.isOpen(row)) throw new NotAuthenticated(ENDED);
    const presented = hashToken(refreshToken);
    const now = this.clock.now();
    if (presented === row.refreshHash) {
      // The account may have changed since sign-in: a new password, role, party, or deactivation.
      if (!(await this.users.loadActor(row.userId, row.tokenGeneration))) {
        await this.revoke(row.id, 'account-changed');
        throw new NotAuthenticated(ENDED);
      }
      const next = newRefreshToken(row.id);
      const idle = Math.min(
        now.getTime() + SESSION_IDLE_SECONDS * 1000,
        row.absoluteExpiresAt.getTime(),
      );
      const [, rotated] = (await this.dataSource.query(
        `UPDATE auth_sessions SET refresh_hash = $3, previous_refresh_hash = $2, rotated_at = $4,
                idle_expires_at = $5
          WHERE id = $1 AND refresh_hash = $2 AND revoked_at IS NULL`,
        [row.id, presented, hashToken(next), now.toISOString(), new Date(idle).toISOString()],
      )) as [unknown, number];
      if (rotated === 1) {
        return {
          kind: 'rotated',
          session: await this.issue(row.id, row.userId, row.tokenGeneration, next),
        };
      }
      // Another request rotated it between our read and our write: the parallel-tab case.
      return this.concurrent(row);
    }
    const rotatedAt = row.rotatedAt?.getTime() ?? -Infinity;
    if (presented === row.previousRefreshHash && now.getTime() - rotatedAt <= ROTATION_GRACE_MS) {
      return this.concurrent(row);
    }
    await this.revoke(row.id, 'refresh-reuse');
    throw new NotAuthenticated(REUSED);
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = $2, revoked_reason = $3
        WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, this.clock.now().toISOString(), reason],
    );
  }

  csrfTokenFor(sessionId: string): string {
    return csrfTokenFor(this.csrf, sessionId);
  }

  csrfMatches(sessionId: string, presented: unknown): boolean {
    return csrfMatches(this.csrf, sessionId, presented);
  }

  private concurrent(row: AuthSession): RefreshOutcome {
    return {
      kind: 'concurrent',
      sessionId: row.id,
      userId: row.userId,
      csrfToken: this.csrfTokenFor(row.id),
    };
  }

  private isOpen(row: AuthSession): boolean {
    const now = this.clock.now().getTime();
    return (
      row.revokedAt === null &&
      row.idleExpiresAt.getTime() > now &&
      row.absoluteExpiresAt.getTime() > now
    );
  }

  private async issue(
    sessionId: string,
    userId: string,
    generation: number,
    refreshToken: string,
  ): Promise<IssuedSession> {
    const claims: AccessClaims = { sub: userId, gen: generation, sid: sessionId };
    return {
      sessionId,
      userId,
      accessToken: await this.jwt.signAsync(claims, { expiresIn: ACCESS_TTL_SECONDS }),
      refreshToken,
      csrfToken: this.csrfTokenFor(sessionId),
    };
  }
}

/** `<session id>.<256 random bits>`: the id finds the row, the rest is the secret (stored hashed). */
function newRefreshToken(sessionId: string): string {
  return `${sessionId}.${randomBytes(32).toString('base64url')}`;
}

export function sessionIdOf(refreshToken: string | undefined): string | null {
  const id = refreshToken?.split('.')[0];
  return id && isUUID(id) && refreshToken!.length < 200 ? id : null;
}
