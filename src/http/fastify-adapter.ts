import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { correlationIdFrom } from '../common/correlation/correlation';
import { redactSecrets } from '../common/errors/problem-details.filter';
import {
  JSON_ANSWER_HEADERS,
  PROBLEM_CONTENT_TYPE,
  problemForStatus,
} from '../common/errors/problem';

/** Largest request body (JSON or an imported file) the api reads. */
export const BODY_LIMIT = 5 * 1024 * 1024;
/** Largest request head (request line and headers); larger ones are answered 431. Node's default. */
export const MAX_HEADER_SIZE = 16 * 1024;
/** Longest path parameter; a longer one is answered 414 (ids are UUIDs, codes are short). */
export const MAX_PARAM_LENGTH = 100;

/**
 * The one Fastify adapter of the api, for main.ts and the e2e tests alike, so that tests run the
 * server options production runs. Every answer Fastify or Node write themselves (router errors,
 * malformed requests) is problem+json like the rest; see also http-hardening.ts.
 */
export function createFastifyAdapter(config: { trustProxy: boolean | string[] }): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    http: { maxHeaderSize: MAX_HEADER_SIZE },
    // The request id is the correlation id: the caller's X-Request-Id when it is plain, else a UUID.
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => correlationIdFrom(raw.headers['x-request-id']),
    // Fastify's own 503 while closing is plain JSON; http-hardening.ts answers it as a problem.
    return503OnClosing: false,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
}

const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The request path is not valid percent-encoded UTF-8.',
  FST_ERR_MAX_PARAM_LENGTH: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters.`,
};

/** Errors Fastify's router raises before any route runs (bad percent-encoding, overlong parameter). */
function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 400;
  const detail = FRAMEWORK_DETAILS[error.code] ?? 'The request could not be routed.';
  void reply
    .code(status)
    .headers({
      ...JSON_ANSWER_HEADERS,
      'Content-Type': PROBLEM_CONTENT_TYPE,
      'X-Request-Id': request.id,
    })
    .send({
      ...problemForStatus(status, detail, redactSecrets(request.url)),
      correlationId: request.id,
    });
}

/**
 * Requests Node's HTTP parser refuses (header too large, malformed request line, timeout): there is
 * no request object, so the answer is written on the socket, as Node and Fastify do by default.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const detail =
    status === 431
      ? `The request line and headers exceed ${MAX_HEADER_SIZE} bytes.`
      : status === 408
        ? 'The request was not received in time.'
        : 'The request is not valid HTTP.';
  const correlationId = randomUUID();
  const body = JSON.stringify({ ...problemForStatus(status, detail), correlationId });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(JSON_ANSWER_HEADERS).map(([name, value]) => `${name}: ${value}`),
    `X-Request-Id: ${correlationId}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
