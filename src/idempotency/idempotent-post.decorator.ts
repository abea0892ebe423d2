import { Post as NestPost } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Nest's `@Post` plus `IdempotencyInterceptor`, the API's `Idempotency-Key` contract (README, API): every
 * POST accepts the header, and per caller a key runs its request once (see IdempotencyInterceptor).
 * Controllers import this `Post`, not the one from '@nestjs/common' (a lint rule enforces it), so
 * each handler shows where its idempotency comes from.
 *
 * The interceptor is put first in the handler's interceptors, whichever order the decorators are
 * written in (`@UseInterceptors` appends to what is there, this prepends): it must run before a
 * route's own interceptors, such as an upload's `FileInterceptor`, read the body. Applying it twice
 * leaves one. It is a class, not an instance, so each module resolves it from IdempotencyModule
 * (global), and every app built in one process (the e2e suites build several) gets its own.
 *
 * Why per handler and not APP_INTERCEPTOR, as it was: Nest wraps every handler that has any
 * interceptor in an rxjs pipeline per request (defer, mergeAll, a ReplaySubject, lastValueFrom,
 * bound async scopes). The interceptor let every GET through at once, but the pipeline alone was
 * ~0.15 ms of CPU per GET /api/activities/:id under load (a third of the route's Node CPU; issue 11).
 * Only POST needs it.
 */
export function Post(path?: string | string[]): MethodDecorator {
  const route = NestPost(path);
  return (target, key, descriptor) => {
    route(target, key, descriptor);
    const handler = descriptor.value as object;
    const others = (
      (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []
    ).filter((interceptor) => interceptor !== IdempotencyInterceptor);
    Reflect.defineMetadata(INTERCEPTORS_METADATA, [IdempotencyInterceptor, ...others], handler);
    return descriptor;
  };
}
