import { ArgumentMetadata, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Where a string holding U+0000 sits in a request value; PostgreSQL text cannot store that character. */
function nulCharacterPaths(value: unknown, path: string, found: string[], depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || 'body');
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return;
  const child = (key: string) => (path ? `${path}.${key}` : key);
  if (Array.isArray(value)) {
    value.forEach((item, i) => nulCharacterPaths(item, child(String(i)), found, depth + 1));
    return;
  }
  // Parsed JSON and query objects; a raw body (file upload) is a Buffer, left to its own parser.
  if (ArrayBuffer.isView(value) || value instanceof Date) return;
  for (const [key, item] of Object.entries(value)) {
    nulCharacterPaths(item, child(key), found, depth + 1);
  }
}

/**
 * The ValidationPipe, plus one check class-validator cannot express for every field at once: no NUL
 * character in any string of the body, query or path (it used to reach PostgreSQL and answer 500).
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const found: string[] = [];
      nulCharacterPaths(value, metadata.type === 'param' ? (metadata.data ?? '') : '', found);
      if (found.length > 0) {
        throw new InvalidInput(
          found.map((field) => ({ field, message: 'must not contain the NUL character' })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
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
