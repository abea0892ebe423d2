import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/auth/decorators';
import { Forbidden, NotAuthenticated } from '../common/errors/domain-errors';
import { UsersService } from '../users/users.service';
import { AuthService, type TokenSubject } from './auth.service';
import { CSRF_HEADER, cookieOf, SESSION_COOKIE } from './session/session-cookies';
import { isSafeMethod } from './session/csrf';
import { SessionsService } from './session/sessions.service';

/** Set by the guard on a request signed in by the page's cookie: the session it belongs to. */
export interface PageSessionRequest {
  actor?: Actor;
  pageSessionId?: string;
}

/** What a route's decorators say about its access; fixed once the app is built. */
interface RouteAccess {
  isPublic: boolean;
  roles: Actor['role'][] | undefined;
}

const REVOKED =
  'This token was revoked (password, role or party changed) or the account is no longer active; log in again.';

/**
 * Global guard: every route needs a bearer token, or the page's session cookie (with its CSRF token on
 * state-changing requests), unless marked @Public(). The user is reloaded on each
 * request, so a deactivated account or a changed role takes effect at once, not when the token expires;
 * and a token issued before the password, role or party changed (older token generation) is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  // Per controller class, then handler: four metadata lookups per request were ~2 % of a cheap read's
  // CPU (issue 11), and decorators do not change after start.
  private readonly accessByRoute = new WeakMap<object, WeakMap<object, RouteAccess>>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.routeAccess(context);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & PageSessionRequest>();
    const access = request.headers.authorization ? undefined : cookieOf(request, SESSION_COOKIE);
    let subject: TokenSubject;
    if (access) {
      // The page, signed in by cookie: its session must be open, and a request that changes
      // something must carry the session's CSRF token (another site can make the browser send the
      // cookie, but cannot read the token).
      const session = await this.sessions.authenticate(access);
      if (
        !isSafeMethod(request.method) &&
        !this.sessions.csrfMatches(session.sessionId, request.headers[CSRF_HEADER])
      ) {
        throw new Forbidden(
          'A request signed in by the session cookie must carry its X-CSRF-Token header.',
        );
      }
      request.pageSessionId = session.sessionId;
      subject = session;
    } else {
      subject = await this.auth.verifyRequest(request);
    }
    const actor = await this.users.loadActor(subject.userId, subject.generation);
    if (!actor) throw new NotAuthenticated(REVOKED);
    request.actor = actor;

    if (roles && !roles.includes(actor.role)) {
      throw new Forbidden(`This action needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }

  private routeAccess(context: ExecutionContext): RouteAccess {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let byHandler = this.accessByRoute.get(controller);
    if (!byHandler) this.accessByRoute.set(controller, (byHandler = new WeakMap()));
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, controller];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        roles: this.reflector.getAllAndOverride<Actor['role'][] | undefined>(
          REQUIRED_ROLES,
          targets,
        ),
      };
      byHandler.set(handler, access);
    }
    return access;
  }
}
