import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../../openapi/document-completion';
import type { Actor } from './actor';

export const IS_PUBLIC = 'accords:public';
/**
 * The route needs no bearer token (login, health, docs, the dashboard page). The same decorator marks
 * the OpenAPI operation, so the document's `security` always matches what the AuthGuard does.
 */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

export const REQUIRED_ROLES = 'accords:roles';
/** Restrict a route to roles; checked by the auth guard after the token. */
export const RequireRoles = (...roles: Actor['role'][]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
