import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/errors/validation';

/** Everything main.ts and the e2e tests must share, so tests exercise the app as it runs. */
export async function setupApp(app: NestFastifyApplication): Promise<void> {
  app.setGlobalPrefix('api', { exclude: ['/'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Accords')
      .setDescription(
        'Agreements between governments, their action plans and activities, progress and reminders.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
}
