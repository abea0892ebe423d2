import { Body, Controller, Delete, Get, HttpCode, Req, Res } from '@nestjs/common';
import {
  ApiExtension,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/decorators';
import { Post } from '../../idempotency/idempotent-post.decorator';
import {
  COOKIE_SCHEME,
  REFRESH_COOKIE_SCHEME,
  SECURITY_EXTENSION,
} from '../../openapi/document-completion';
import { Forbidden, NotAuthenticated } from '../../common/errors/domain-errors';
import { UsersService } from '../../users/users.service';
import type { UserView } from '../../users/user-view';
import { AuthService } from '../auth.service';
import { LoginDto } from '../dto/login.dto';
import {
  clearSessionCookies,
  cookieOf,
  CSRF_HEADER,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  setSessionCookies,
} from './session-cookies';
import { sessionIdOf, SessionsService } from './sessions.service';

/** The page's view of its session: who is signed in, and the token to send as X-CSRF-Token. */
export class SessionView {
  user: UserView;
  csrfToken: string;
}

/**
 * The dashboard page's sign-in by cookie (API clients keep POST /api/auth/login and bearer tokens).
 * Cookies: `accords_session` (access, 15 min, HttpOnly, SameSite=Lax, Path=/) and `accords_refresh`
 * (rotating, HttpOnly, SameSite=Strict, Path=/api/auth/session); both Secure over HTTPS.
 */
@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  /** Sign the page in: sets the session cookies and answers the CSRF token. Limited like login. */
  @Public()
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or an inactive account.' })
  @Post()
  @HttpCode(200)
  async signIn(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const user = await this.auth.checkCredentials(dto.email, dto.password, request.ip);
    const session = await this.sessions.start(user);
    setSessionCookies(request, reply, session);
    return { user: await this.users.get(user.id), csrfToken: session.csrfToken };
  }

  /** The session the access cookie belongs to; 401 when it ended or expired (then try refresh). */
  @Public()
  @ApiExtension(SECURITY_EXTENSION, [{ [COOKIE_SCHEME]: [] }])
  @ApiUnauthorizedResponse({ description: 'No open session: refresh, or sign in.' })
  @Get()
  async current(@Req() request: FastifyRequest): Promise<SessionView> {
    const access = cookieOf(request, SESSION_COOKIE);
    if (!access) throw new NotAuthenticated('No session cookie.');
    const subject = await this.sessions.authenticate(access);
    if (!(await this.users.loadActor(subject.userId, subject.generation))) {
      throw new NotAuthenticated('Your session has ended; sign in again.');
    }
    return {
      user: await this.users.get(subject.userId),
      csrfToken: this.sessions.csrfTokenFor(subject.sessionId),
    };
  }

  /**
   * New cookies for the refresh cookie, which is replaced by a new one. An old refresh token used
   * again ends the session (401).
   */
  @Public()
  @ApiExtension(SECURITY_EXTENSION, [{ [REFRESH_COOKIE_SCHEME]: [] }])
  @ApiUnauthorizedResponse({
    description: 'The session ended, expired, or its refresh token was reused.',
  })
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const token = cookieOf(request, REFRESH_COOKIE);
    if (!token) throw new NotAuthenticated('No refresh cookie.');
    try {
      const outcome = await this.sessions.refresh(token);
      if (outcome.kind === 'rotated') {
        setSessionCookies(request, reply, outcome.session);
        return {
          user: await this.users.get(outcome.session.userId),
          csrfToken: outcome.session.csrfToken,
        };
      }
      return { user: await this.users.get(outcome.userId), csrfToken: outcome.csrfToken };
    } catch (error) {
      if (error instanceof NotAuthenticated) clearSessionCookies(request, reply);
      throw error;
    }
  }

  /**
   * Sign out: the session is revoked on the server and its cookies cleared. Needs X-CSRF-Token; 401
   * without any session cookie (there is nothing to sign out of).
   */
  @Public()
  @ApiExtension(SECURITY_EXTENSION, [{ [REFRESH_COOKIE_SCHEME]: [] }, { [COOKIE_SCHEME]: [] }])
  @ApiNoContentResponse({ description: 'Signed out (also when the session had already ended).' })
  @ApiUnauthorizedResponse({ description: 'No session cookie came with the request.' })
  @ApiForbiddenResponse({ description: 'A session cookie came without its X-CSRF-Token.' })
  @Delete()
  @HttpCode(204)
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refresh = cookieOf(request, REFRESH_COOKIE);
    const access = cookieOf(request, SESSION_COOKIE);
    if (!refresh && !access)
      throw new NotAuthenticated('No session cookie: nothing to sign out of.');
    const sessionId = sessionIdOf(refresh) ?? (await this.sessionIdOfAccess(access));
    if (sessionId) {
      if (!this.sessions.csrfMatches(sessionId, request.headers[CSRF_HEADER])) {
        throw new Forbidden('Signing out needs the session’s X-CSRF-Token header.');
      }
      await this.sessions.revoke(sessionId, 'signed-out');
    }
    clearSessionCookies(request, reply);
  }

  private async sessionIdOfAccess(access: string | undefined): Promise<string | null> {
    if (!access) return null;
    return this.sessions
      .authenticate(access)
      .then((s) => s.sessionId)
      .catch(() => null);
  }
}
