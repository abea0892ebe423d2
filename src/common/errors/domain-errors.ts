/**
 * Errors that services throw. They know nothing of HTTP: the problem+json filter maps each kind to a
 * status, so the worker and the api share the same services.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'unauthenticated'
    | 'forbidden'
    | 'not_found'
    | 'conflict'
    | 'too_many_requests'
    | 'service_unavailable';

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
  constructor(message: string, title = 'Conflict') {
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
  readonly kind = 'service_unavailable';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'Service unavailable');
  }
}
