import { ArgumentMetadata, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { wellFormedQuery } from '../validation/well-formed-query';
import { FieldError, InvalidInput } from './domain-errors';

/**
 * Flattens class-validator's tree into `{ field: "renewal.mode", message, code }` entries; `code` is the
 * constraint's name, which the page translates.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      field,
      message: message.replace(/^property \S+ should not exist$/, 'is not an accepted field'),
      code,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** A UTF-16 surrogate without its pair: not a character, and no UTF-8 text can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as PostgreSQL text (or checked by validator.js), if it cannot. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  // validator.js (isEmail, isURL) throws on these, and PostgreSQL would store U+FFFD instead.
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return undefined;
}

/**
 * Every string in a request value (body, query or path parameter) that no field could accept, as field
 * errors. Bounded in depth: the JSON body parser already refuses deeper bodies.
 */
export function unstorableStrings(value: unknown, path = '', depth = 0): FieldError[] {
  if (typeof value === 'string') {
    const message = unstorable(value);
    return message ? [{ field: path || 'body', message }] : [];
  }
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  // A raw body (file upload) is a Buffer, left to its own parser.
  if (ArrayBuffer.isView(value) || value instanceof Date) return [];
  const child = (key: string) => (path ? `${path}.${key}` : key);
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => unstorableStrings(item, child(key), depth + 1));
}

/**
 * The ValidationPipe, plus one check class-validator cannot express for every field at once: no NUL
 * character and no lone surrogate in any string of the body, query or path (they used to answer 500,
 * from PostgreSQL or from validator.js). A query DTO with a well-formed fast way in
 * (validation/well-formed-query.ts) skips class-transformer and class-validator when it accepts.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const found = unstorableStrings(
        value,
        metadata.type === 'param' ? (metadata.data ?? '') : '',
      );
      if (found.length > 0) throw new InvalidInput(found);
    }
    if (metadata.type === 'query') {
      const parsed = wellFormedQuery(metadata.metatype, value);
      if (parsed !== undefined) return parsed;
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
