import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { verifyPassword } from '../common/auth/password-hasher';
import { NotAuthenticated } from '../common/errors/domain-errors';
import { UsersService } from '../users/users.service';
import { LoginThrottle } from './login-throttle';

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string; role: string; partyCode: string | null };
}

interface TokenClaims {
  sub: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(email: string, password: string, clientIp: string): Promise<LoginResult> {
    await this.throttle.begin(email, clientIp);
    const user = await this.users.findActiveByEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      // Same answer for an unknown email and a wrong password.
      throw new NotAuthenticated('The email or password is incorrect.');
    }
    await this.throttle.succeeded(email, clientIp);
    const claims: TokenClaims = { sub: user.id };
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

  /** The user id a token was issued to; throws when the token is missing, malformed or expired. */
  async verifyToken(token: string): Promise<string> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      // Only we issue tokens, but a subject that is not a user id must not reach the database (a 500).
      if (typeof claims.sub !== 'string' || !isUUID(claims.sub)) throw new Error('bad subject');
      return claims.sub;
    } catch {
      throw new NotAuthenticated('The bearer token is invalid or expired.');
    }
  }
}
