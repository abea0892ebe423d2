import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from './actor';

export const IS_PUBLIC = 'accords:public';
/** The route needs no bearer token (login, health, docs, the dashboard page). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'accords:roles';
/** Restrict a route to roles; checked by the auth guard after the token. */
export const RequireRoles = (...roles: Actor['role'][]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
