import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/errors/validation';
import { DASHBOARD_PATHS } from './dashboard/dashboard-page.controller';
import {
  IMPORT_BODY_LIMIT,
  IMPORT_CONTENT_TYPES,
  importFormatOf,
} from './activities/import/import-formats';
import { createOpenApiDocument } from './openapi/openapi-document';
import { registerRateLimit } from './rate-limit/rate-limit';
import { installHttpHardening } from './http/http-hardening';

/**
 * Everything main.ts and the e2e tests must share, so tests exercise the app as it runs (with the
 * adapter from createFastifyAdapter, src/http/fastify-adapter.ts).
 */
export async function setupApp(app: NestFastifyApplication): Promise<void> {
  // JSON lives under /api; the dashboard page and its assets are served at / and /assets/.
  app.setGlobalPrefix('api', { exclude: DASHBOARD_PATHS });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(
    new ProblemDetailsFilter({
      bodyLimitFor: (type) => (importFormatOf(type) ? IMPORT_BODY_LIMIT : undefined),
    }),
  );
  // Activity imports arrive as the raw file (CSV or XLSX): hand them to the controller as a Buffer.
  app.useBodyParser(IMPORT_CONTENT_TYPES, { bodyLimit: IMPORT_BODY_LIMIT });
  // JSON depth limit, correlation ids, security headers, 503 while closing (src/http/).
  installHttpHardening(app);
  // The dashboard page's session cookies (src/auth/session/); API clients use bearer tokens.
  await app.register(fastifyCookie);
  app.enableShutdownHooks();
  await registerRateLimit(app);

  const document = createOpenApiDocument(app);
  await app.init();
  // After init, so that Swagger UI's routes (its /api/docs/LICENSE only throws a 404) get the error
  // handler Nest installs there, and answer problem+json like every other route.
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.getHttpAdapter().getInstance().ready();
}
