import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/auth/decorators';
import { Forbidden, NotAuthenticated } from '../common/errors/domain-errors';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

const REVOKED =
  'This token was revoked (password, role or party changed) or the account is no longer active; log in again.';

/**
 * Global guard: every route needs a bearer token unless marked @Public(). The user is reloaded on each
 * request, so a deactivated account or a changed role takes effect at once, not when the token expires;
 * and a token issued before the password, role or party changed (older token generation) is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const { userId, generation } = await this.auth.verifyRequest(request);
    const actor = await this.users.loadActor(userId, generation);
    if (!actor) throw new NotAuthenticated(REVOKED);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Actor['role'][] | undefined>(
      REQUIRED_ROLES,
      targets,
    );
    if (roles && !roles.includes(actor.role)) {
      throw new Forbidden(`This action needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}
