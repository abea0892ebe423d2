import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, InvalidInput } from './domain-errors';

/** Flattens class-validator's tree into `{ field: "renewal.mode", message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property \S+ should not exist$/, 'is not an accepted field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInput(flattenValidationErrors(errors)),
  });
}

/** `@Param('id', UuidParam)`: a malformed id is the caller's mistake (400), not a missing row. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () => InvalidInput.field('id', 'must be a UUID'),
});
