import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { withCorrelationId } from '../common/correlation/correlation';
import { InvalidInput } from '../common/errors/domain-errors';
import { redactSecrets } from '../common/errors/problem-details.filter';
import {
  JSON_ANSWER_HEADERS,
  PROBLEM_CONTENT_TYPE,
  problemForStatus,
} from '../common/errors/problem';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

/** Seconds a client is asked to wait before retrying on another instance while this one stops. */
const CLOSING_RETRY_AFTER_SECONDS = 5;

/**
 * Swagger UI at /api/docs: its own scripts and styles only (the page carries an inline <style> and
 * inline SVG styles, and the CSS uses data: images), and it must not be framed (clickjacking).
 */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const JSON_TYPE = /^application\/(problem\+)?json\b/;

/**
 * What every request goes through before Nest: the JSON body parser with a depth limit, the
 * correlation id (response header, log context), the headers every JSON answer carries, and a
 * problem+json 503 while the server shuts down. Called from setupApp, before init.
 */
export function installHttpHardening(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimit, onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  // Fastify's own parser (secure-json-parse: __proto__ and constructor.prototype are refused),
  // after a byte scan that refuses deep nesting before anything recurses on it.
  const parseJson = fastify.getDefaultJsonParser(
    onProtoPoisoning ?? 'error',
    onConstructorPoisoning ?? 'error',
  );
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(
        InvalidInput.field(
          'body',
          `must not nest objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
        ),
        undefined,
      );
      return;
    }
    // Synchronous (it answers through `done`); its type also allows a promise.
    void parseJson(request, body.toString('utf8'), done);
  });

  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    if (closing) {
      answerClosing(request, reply);
      return;
    }
    withCorrelationId(request.id, done);
  });
  // Body parsing runs in the socket's async context, not the hook's: enter the id again right
  // before Nest's guards, pipes and handler, so their log lines carry it.
  fastify.addHook('preHandler', (request, _reply, done) => withCorrelationId(request.id, done));

  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (JSON_TYPE.test(String(reply.getHeader('content-type') ?? ''))) {
      void reply.header('X-Content-Type-Options', JSON_ANSWER_HEADERS['X-Content-Type-Options']);
      if (!reply.hasHeader('cache-control')) {
        void reply.header('Cache-Control', JSON_ANSWER_HEADERS['Cache-Control']);
      }
    }
    const path = request.url.split('?')[0];
    if (path === '/api/docs' || path.startsWith('/api/docs/')) {
      void reply.header('Content-Security-Policy', DOCS_CSP);
    }
    done(null, payload);
  });
}

/** Requests still arriving on open connections while the server drains: send them elsewhere. */
function answerClosing(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .code(503)
    .headers({
      ...JSON_ANSWER_HEADERS,
      'Content-Type': PROBLEM_CONTENT_TYPE,
      'Retry-After': String(CLOSING_RETRY_AFTER_SECONDS),
      Connection: 'close',
    })
    .send({
      ...problemForStatus(
        503,
        'This instance is shutting down; try again.',
        redactSecrets(request.url),
      ),
      correlationId: request.id,
    });
}
