/**
 * Errors that services throw. They know nothing of HTTP: the problem+json filter maps each kind to a
 * status, so the worker and the api share the same services.
 */
export interface FieldError {
  field: string;
  /** In English, for API clients and logs. */
  message: string;
  /**
   * The rule that failed, when a validator named it (`isNotEmpty`, `maxLength`, `isCalendarDate`…): the
   * page says it in the reader's language from this code, falling back to `message`.
   */
  code?: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'unauthenticated'
    | 'forbidden'
    | 'not_found'
    | 'conflict'
    | 'unprocessable'
    | 'too_large'
    | 'unsupported_media_type'
    | 'too_many_requests'
    | 'unavailable';

  constructor(
    message: string,
    readonly title: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly kind = 'validation';
  constructor(
    readonly errors: FieldError[],
    message = errors.map((e) => `${e.field}: ${e.message}`).join('; '),
  ) {
    super(message, 'Invalid input');
  }

  static field(field: string, message: string): InvalidInput {
    return new InvalidInput([{ field, message }]);
  }
}

export class NotAuthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(message = 'A valid bearer token is required.') {
    super(message, 'Not authenticated');
  }
}

export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(message: string) {
    super(message, 'Forbidden');
  }
}

/** Raised both for missing rows and for rows the caller may not see: the two must look the same. */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(entity: string, id: string) {
    super(`${entity} ${id} does not exist or is not visible to you.`, `${entity} not found`);
  }
}

export class Conflict extends DomainError {
  readonly kind = 'conflict';
  constructor(
    message: string,
    title = 'Conflict',
    /** Extension members of the problem (RFC 9457 §3.2) that let a client act without parsing text. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message, title);
  }
}

/**
 * Once plan renewal copied an activity into the next cycle, the copy is the live one (reminders and
 * progress read it): a change to the original would be silently lost, so the original is read-only.
 */
export class ActivityCarriedOver extends Conflict {
  constructor(
    readonly activityId: string,
    readonly carriedOverTo: string,
  ) {
    super(
      `Activity ${activityId} was carried over to the next cycle as activity ${carriedOverTo}; it is read-only now. Change ${carriedOverTo} instead.`,
      'Activity carried over',
      { carriedOverTo },
    );
  }
}

/** The request is well-formed but contradicts an earlier one (e.g. an idempotency key reused). */
export class Unprocessable extends DomainError {
  readonly kind = 'unprocessable';
  constructor(message: string, title = 'Unprocessable request') {
    super(message, title);
  }
}

export class VersionConflict extends Conflict {
  constructor(
    entity: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `${entity} was changed by someone else: you sent version ${expectedVersion}, the current version is ${currentVersion}. Reload it and apply your change again.`,
      'Stale version',
    );
  }
}

/** The content is not a type this request takes (or not the type it claims to be): 415. */
export class UnsupportedMediaType extends DomainError {
  readonly kind = 'unsupported_media_type';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '), 'Unsupported media type');
  }
}

export class TooManyRequests extends DomainError {
  readonly kind = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'Too many requests');
  }
}

/** A backing service (Redis) does not answer: the request may succeed later, nothing is the caller's fault. */
export class ServiceUnavailable extends DomainError {
  readonly kind = 'unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    title = 'Service unavailable',
  ) {
    super(message, title);
  }
}

/**
 * The service sheds load it cannot take now (too many password checks queued, a deployment-wide flood):
 * not the caller's fault, so 503 rather than 429, with the same Retry-After.
 */
export class ServiceBusy extends ServiceUnavailable {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, retryAfterSeconds, 'Service busy');
  }
}
