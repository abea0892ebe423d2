import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, type Observable, of, throwError } from 'rxjs';
import type { Actor } from '../common/auth/actor';
import { Conflict, Unprocessable } from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import {
  decideOnStoredKey,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  type KeyedRequest,
  parseIdempotencyKey,
  requestHash,
} from './idempotency-rules';
import { IdempotencyStore } from './idempotency.store';
import { SECRET_RESPONSE } from './secret-response.decorator';

/** A duplicate arrived while the first request with its key still runs: retry in a moment. */
export class RequestInProgress extends Conflict {
  constructor(key: string) {
    super(
      `A request with ${IDEMPOTENCY_KEY_HEADER} ${key} is still in progress; retry shortly to get its answer.`,
      'Request in progress',
    );
  }
}

/**
 * `Idempotency-Key` on every POST, put first on each POST handler by the `@Post` of
 * idempotent-post.decorator.ts (not global: GETs skip the per-request rxjs pipeline). Per caller, a
 * key runs its request once: the same key and body replays the first 2xx answer (with
 * `Idempotent-Replayed: true`), another body or route answers 422, and a duplicate arriving while the
 * first still runs gets 409 "in progress" with `Retry-After`. Failures are not stored: the key is
 * freed, so a 4xx or 5xx may be retried with the same key. Public routes (login) have no caller and
 * ignore the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { actor?: Actor }>();
    if (request.method !== 'POST') return next.handle();
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    const callerId = request.actor?.id;
    if (key === undefined || callerId === undefined) return next.handle();

    const reply = http.getResponse<FastifyReply>();
    const secret = this.reflector.getAllAndOverride<boolean>(SECRET_RESPONSE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const keyed: KeyedRequest = {
      method: request.method,
      path: request.url,
      requestHash: requestHash(request.body),
    };

    const outcome = await this.acquire(callerId, key, keyed, secret === true).catch((error) => {
      if (error instanceof RequestInProgress) void reply.header('Retry-After', '1');
      throw error;
    });
    if (outcome.run === false) {
      void reply.status(outcome.status).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return of(outcome.body);
    }
    return next.handle().pipe(
      concatMap((body) => from(this.remember(callerId, key, reply.statusCode, body, secret))),
      catchError((error: unknown) =>
        from(this.store.release(callerId, key)).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }

  /** Claims the key for this request, or says what the first request with it answered. */
  private async acquire(
    callerId: string,
    key: string,
    keyed: KeyedRequest,
    secret: boolean,
  ): Promise<{ run: true } | { run: false; status: number; body: unknown }> {
    // Two rounds at most: a lost take-over race means another request just claimed the key.
    for (let round = 0; round < 2; round++) {
      const now = this.clock.now();
      if (await this.store.claim(callerId, key, keyed, now)) return { run: true };
      const stored = await this.store.find(callerId, key);
      if (!stored) continue; // released by a failed first request between our two queries
      switch (decideOnStoredKey(stored, keyed, now)) {
        case 'take_over':
          if (await this.store.takeOver(stored, keyed, now)) return { run: true };
          continue;
        case 'mismatch':
          throw new Unprocessable(
            `${IDEMPOTENCY_KEY_HEADER} ${key} was already used for another request (${stored.method} ${stored.path} with another body). Use a new key for a new request.`,
            'Idempotency key reused',
          );
        case 'in_progress':
          throw new RequestInProgress(key);
        case 'replay':
          if (secret) {
            throw new Conflict(
              `The request with ${IDEMPOTENCY_KEY_HEADER} ${key} was already done; its answer held a secret shown only once, which is not kept.`,
              'Already done',
            );
          }
          return {
            run: false,
            status: stored.responseStatus!,
            body:
              stored.responseBody === null
                ? undefined
                : (JSON.parse(stored.responseBody) as unknown),
          };
      }
    }
    throw new RequestInProgress(key);
  }

  private async remember(
    callerId: string,
    key: string,
    status: number,
    body: unknown,
    secret: boolean | undefined,
  ): Promise<unknown> {
    if (status >= 200 && status < 300) {
      const text = body === undefined || secret ? null : JSON.stringify(body);
      await this.store.complete(callerId, key, status, text);
    } else {
      await this.store.release(callerId, key);
    }
    return body;
  }
}
