import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { isRedisUnavailable, REDIS_RETRY_AFTER_SECONDS } from '../../redis/redis-errors';
import {
  Conflict,
  DomainError,
  FieldError,
  ServiceUnavailable,
  TooManyRequests,
  VersionConflict,
} from './domain-errors';
import { JSON_ANSWER_HEADERS, PROBLEM_BASE, PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem';

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * The one place where errors become HTTP answers (RFC 9457 problem+json). Anything that is neither a
 * DomainError nor an HttpException is a bug: it is logged with its stack and answered as a bare 500.
 */
export interface ProblemDetailsOptions {
  /** The body limit that applies to a content type with its own parser, to name it in a 413. */
  bodyLimitFor?: (contentType: string | undefined) => number | undefined;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly options: ProblemDetailsOptions = {}) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // A Redis outage that no service translated is still the service's state, not a bug.
    const exception = isRedisUnavailable(thrown)
      ? new ServiceUnavailable(
          'A backing service does not answer; try again shortly.',
          REDIS_RETRY_AFTER_SECONDS,
        )
      : thrown;
    const problem = this.toProblem(exception, redactSecrets(request.url));
    if (isBodyTooLarge(exception)) {
      const limit = this.options.bodyLimitFor?.(request.headers['content-type']);
      if (limit) {
        problem.title = 'Content too large';
        problem.detail = `The body is larger than ${limit / (1024 * 1024)} MB, the most this request takes.`;
      }
    }
    problem.correlationId = String(request.id);
    if (exception instanceof ServiceUnavailable) {
      this.logger.warn(`${request.method} ${problem.instance}: ${exception.message}`);
    } else if (problem.status >= 500) {
      this.logger.error(
        `${request.method} ${problem.instance}: ${String(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (exception instanceof TooManyRequests || exception instanceof ServiceUnavailable) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    }
    void reply
      .status(problem.status)
      .headers(JSON_ANSWER_HEADERS)
      .header('Content-Type', PROBLEM_CONTENT_TYPE)
      .send(problem);
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      const problem: ProblemDetails = {
        type: PROBLEM_BASE + exception.kind.replace(/_/g, '-'),
        title: exception.title,
        status,
        detail: exception.message,
        instance,
      };
      if ('errors' in exception) problem.errors = exception.errors as FieldError[];
      if (exception instanceof VersionConflict) problem.currentVersion = exception.currentVersion;
      if (exception instanceof Conflict) Object.assign(problem, exception.extensions);
      return problem;
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception, instance);
    }
    if (isUniqueViolation(exception)) {
      // Two requests creating the same thing at once: the loser of the race gets what a second,
      // later request gets from the services' own checks.
      return {
        type: PROBLEM_BASE + 'conflict',
        title: 'Conflict',
        status: 409,
        detail: 'This already exists (it was created at the same moment by another request).',
        instance,
      };
    }
    const fastifyStatus = fastifyClientErrorStatus(exception);
    if (fastifyStatus) {
      return {
        type: PROBLEM_BASE + 'bad-request',
        title: 'Bad request',
        status: fastifyStatus,
        detail: (exception as Error).message,
        instance,
      };
    }
    return {
      type: PROBLEM_BASE + 'internal',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
      instance,
    };
  }

  private fromHttpException(exception: HttpException, instance: string): ProblemDetails {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? (body as { message: string[] }).message.join('; ')
          : String((body as { message?: unknown }).message ?? exception.message);
    const title = HttpStatus[status]?.toLowerCase().replace(/_/g, ' ') ?? 'error';
    return {
      type: PROBLEM_BASE + title.replace(/ /g, '-'),
      title: title.charAt(0).toUpperCase() + title.slice(1),
      status,
      detail: message,
      instance,
    };
  }
}

function isUniqueViolation(exception: unknown): boolean {
  return (
    exception instanceof QueryFailedError &&
    (exception.driverError as { code?: string } | undefined)?.code === '23505'
  );
}

/** Calendar feed tokens travel in the query string; they must not be echoed back or logged. */
export function redactSecrets(url: string): string {
  return url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]');
}

/** Fastify's body limit error, as it comes or as the Nest adapter wraps it in an HttpException. */
function isBodyTooLarge(exception: unknown): boolean {
  const error = exception as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = 'FST_ERR_CTP_BODY_TOO_LARGE';
  return error?.code === code || error?.cause?.code === code;
}

/** Fastify's own client errors (malformed JSON, wrong content type, body too large) carry a 4xx. */
function fastifyClientErrorStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
