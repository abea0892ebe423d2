import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => unknown };

/**
 * Puts IdempotencyInterceptor on every POST handler of the controllers `root` reaches, as
 * `@UseInterceptors(IdempotencyInterceptor)` first on the method would. It must run before Nest scans
 * the modules (api.module.ts calls it where ApiModule is defined), so that each module registers the
 * interceptor like any other; it is a class, not an instance, so every app built from ApiModule in one
 * process (the e2e suites build several) gets its own. Calling it again changes nothing.
 *
 * Why not APP_INTERCEPTOR, as it was: Nest wraps every handler that has any interceptor in an rxjs
 * pipeline per request (defer, mergeAll, a ReplaySubject, lastValueFrom, bound async scopes). The
 * interceptor let every GET through at once, but the pipeline alone was ~0.15 ms of CPU per GET
 * /api/activities/:id under load (a third of the route's Node CPU; issue 11). Only POST needs it.
 */
export function requireIdempotencyOnPosts(root: Type): number {
  let attached = 0;
  const seen = new Set<unknown>();
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || ref instanceof Promise || 'forwardRef' in ref) return;
    const moduleClass = 'module' in ref ? ref.module : ref;
    if (seen.has(ref) || typeof moduleClass !== 'function') return;
    seen.add(ref);
    const dynamic: Partial<DynamicModule> = 'module' in ref ? ref : {};
    const controllers = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Type[]) ?? []),
      ...(dynamic.controllers ?? []),
    ];
    for (const controller of controllers) attached += attachToPosts(controller);
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as ModuleRef[]) ?? []),
      ...((dynamic.imports ?? []) as ModuleRef[]),
    ];
    for (const imported of imports) visit(imported);
  };
  visit(root);
  return attached;
}

function attachToPosts(controller: Type): number {
  let attached = 0;
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler: unknown = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
    if (typeof handler !== 'function' || name === 'constructor') continue;
    if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
    const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[]) ?? [];
    if (interceptors.includes(IdempotencyInterceptor)) continue;
    // First, where the global interceptor ran: before an upload's own interceptors read the body.
    Reflect.defineMetadata(
      INTERCEPTORS_METADATA,
      [IdempotencyInterceptor, ...interceptors],
      handler,
    );
    attached++;
  }
  return attached;
}
