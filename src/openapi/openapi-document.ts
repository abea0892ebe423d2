import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { REFRESH_COOKIE, SESSION_COOKIE } from '../auth/session/session-cookies';
import {
  BEARER_SCHEME,
  COOKIE_SCHEME,
  completeDocument,
  REFRESH_COOKIE_SCHEME,
} from './document-completion';

/** The OpenAPI document served at /api/docs-json: the controllers' metadata, completed. */
export function createOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accords')
      .setDescription(
        'Agreements between governments, their action plans and activities, progress and reminders. ' +
          'Errors are application/problem+json (RFC 9457). Every answer carries X-RateLimit-* headers; ' +
          'past the limit the API answers 429 with Retry-After.',
      )
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Access token from POST /api/auth/login, valid JWT_TTL (12h by default). Handled as RFC8725 ' +
            '(JWT Best Current Practices) asks: signed and verified with one fixed algorithm (HS256, ' +
            'never `none`), a required subject and expiry, and the account reloaded on every request.',
        },
        BEARER_SCHEME,
      )
      .addCookieAuth(
        SESSION_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            "The dashboard page's session (POST /api/auth/session): a 15-minute access token in an " +
            'HttpOnly, SameSite=Lax cookie, renewed by POST /api/auth/session/refresh (rotating refresh ' +
            "token). Requests that change something must also send the session's X-CSRF-Token header.",
        },
        COOKIE_SCHEME,
      )
      .addCookieAuth(
        REFRESH_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          name: REFRESH_COOKIE,
          description:
            "The page's rotating refresh token (HttpOnly, SameSite=Strict, Path=/api/auth/session): " +
            'each use replaces it; an old one used again ends the session.',
        },
        REFRESH_COOKIE_SCHEME,
      )
      .build(),
  );
  return completeDocument(document);
}
