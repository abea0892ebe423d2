import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { verifyPassword } from '../common/auth/password-hasher';
import { NotAuthenticated } from '../common/errors/domain-errors';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';
import { VerifiedTokens } from './verified-tokens';

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; role: string; partyCode: string | null };
}

interface TokenClaims {
  sub: string;
  /** Expiry, seconds since the epoch (set by signAsync from JWT_TTL). */
  exp?: number;
  /** The user's token generation at issue; a token without one predates it and counts as 0. */
  gen?: number;
  /** Page sessions only (session/): the auth_sessions row the token belongs to. */
  sid?: string;
}

/** Who a token was issued to, and under which token generation. */
export interface TokenSubject {
  userId: string;
  generation: number;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** What verifyRequest reads: the Fastify request, as the rate limit's hook and the guard both see it. */
export interface BearerRequest {
  headers: { authorization?: string };
}

@Injectable()
export class AuthService {
  private readonly verifiedByRequest = new WeakMap<BearerRequest, Promise<TokenSubject>>();
  private readonly verifiedTokens = new VerifiedTokens<TokenSubject>();

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(email: string, password: string, clientIp: string): Promise<LoginResult> {
    const user = await this.checkCredentials(email, password, clientIp);
    const claims: TokenClaims = { sub: user.id, gen: user.tokenGeneration };
    return {
      accessToken: await this.jwt.signAsync(claims),
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        partyCode: user.partyCode,
      },
    };
  }

  /**
   * The active user with this email and password, under the login limits; NotAuthenticated otherwise,
   * with the same answer for an unknown email, a wrong password and an invitee without a password.
   */
  async checkCredentials(email: string, password: string, clientIp: string): Promise<User> {
    const ticket = await this.throttle.begin(email, clientIp);
    const user = await this.users.findActiveByEmail(email);
    const hash = user && !user.invitationPending ? user.passwordHash : null;
    let ok: boolean;
    try {
      ok = await verifyPassword(hash, password, {
        key: clientIp,
        priority: ticket.trustedAddress,
      });
    } catch (error) {
      // Shed by the hash queue: the password was never checked, so it is no failure of the account.
      await this.throttle.notChecked(ticket);
      throw error;
    }
    if (!user || !ok) {
      // Same answer for an unknown email and a wrong password.
      throw new NotAuthenticated('The email or password is incorrect.');
    }
    await this.throttle.succeeded(ticket);
    return user;
  }

  /**
   * The request's bearer token, verified once per request: the API-wide rate limit (before routing)
   * and the AuthGuard both need it, and verifying twice would double the work on every call.
   */
  verifyRequest(request: BearerRequest): Promise<TokenSubject> {
    let verified = this.verifiedByRequest.get(request);
    if (!verified) {
      const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
      verified = token ? this.verifyToken(token) : Promise.reject(new NotAuthenticated());
      this.verifiedByRequest.set(request, verified);
    }
    return verified;
  }

  /**
   * Who a token was issued to; throws when the token is malformed or expired. Whether it was revoked
   * since is for UsersService.loadActor to tell, from the generation.
   */
  async verifyToken(token: string): Promise<TokenSubject> {
    // jsonwebtoken judges `exp` by Date.now() too.
    const known = this.verifiedTokens.get(token, Date.now());
    if (known) return known;
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      // Only we issue tokens, but a subject that is not a user id must not reach the database (a 500).
      if (typeof claims.sub !== 'string' || !isUUID(claims.sub)) throw new Error('bad subject');
      const generation = claims.gen ?? 0;
      if (!Number.isInteger(generation)) throw new Error('bad generation');
      // A page session's access token is checked against its session row (sign-out revokes it):
      // it is accepted from its cookie only, never as a bearer token.
      if (claims.sid !== undefined) throw new Error('a session token');
      const subject: TokenSubject = Object.freeze({ userId: claims.sub, generation });
      this.verifiedTokens.remember(token, subject, claims.exp);
      return subject;
    } catch {
      throw new NotAuthenticated('The bearer token is invalid or expired.');
    }
  }
}
