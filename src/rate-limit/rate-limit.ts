import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { AuthService } from '../auth/auth.service';
import { cookieOf, SESSION_COOKIE } from '../auth/session/session-cookies';
import { SessionsService } from '../auth/session/sessions.service';
import { TooManyRequests } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { leasedRedisStore } from './leased-redis-store';
import { rateLimitSubject } from './rate-limit-subject';

/** Response headers sent on every rate-limited answer (documented in the OpenAPI document). */
export const RATE_LIMIT_HEADERS = {
  limit: 'X-RateLimit-Limit',
  remaining: 'X-RateLimit-Remaining',
  reset: 'X-RateLimit-Reset',
} as const;

const SUBJECT = Symbol('rateLimitSubject');
type CountedRequest = FastifyRequest & { [SUBJECT]?: 'token' | 'address' };

/**
 * API-wide rate limits (@fastify/rate-limit), counted in Redis through the app's own connection (so
 * under REDIS_PREFIX, and shared by every api instance), in leased slices rather than one round trip
 * per request (leased-redis-store.ts). Must run before app.init(): the plugin hooks
 * the routes as they are registered. If Redis fails, requests go through uncounted (skipOnError):
 * the health check reports Redis, and refusing all traffic would turn a Redis blip into an outage.
 */
export async function registerRateLimit(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const redis = app.get<Redis>(REDIS);
  const auth = app.get(AuthService);
  const sessions = app.get(SessionsService);
  await app.register(fastifyRateLimit, {
    global: true,
    store: leasedRedisStore(redis, 'rate-limit:'),
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    skipOnError: true,
    keyGenerator: async (request: CountedRequest) => {
      // The page's requests count against its user, like a bearer token's.
      const access = request.headers.authorization ? undefined : cookieOf(request, SESSION_COOKIE);
      const pageUser = access ? await sessions.userOfAccessToken(access) : undefined;
      if (pageUser) {
        request[SUBJECT] = 'token';
        return `user:${pageUser}`;
      }
      const subject = await rateLimitSubject(request.headers.authorization, request.ip, (_token) =>
        // The same verification the AuthGuard reuses later in this request.
        auth.verifyRequest(request).then((subject) => subject.userId),
      );
      request[SUBJECT] = subject.kind;
      return subject.key;
    },
    max: (request: CountedRequest) =>
      request[SUBJECT] === 'token' ? config.RATE_LIMIT_PER_TOKEN : config.RATE_LIMIT_PER_ADDRESS,
    // Thrown into Nest's error handling: the problem+json filter answers it like every other 429.
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(
        `Rate limit of ${context.max} requests per ${config.RATE_LIMIT_WINDOW_SECONDS} s reached; try again in ${context.after}.`,
        Math.max(1, Math.ceil(context.ttl / 1000)),
      ),
  });
}
