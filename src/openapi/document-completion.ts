import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-rules';

/**
 * What every operation of this API has in common but no controller decorator says: who may call it,
 * the error answers (RFC 9457 problem+json from ProblemDetailsFilter), the rate-limit headers and the
 * UUID path ids. Applied once to the generated document, so a new route is described like the others.
 * Responses a controller declares itself are kept; only their missing content and headers are filled.
 */

/** Marks an operation of a @Public() route (see common/auth/decorators.ts); removed from the output. */
export const PUBLIC_EXTENSION = 'x-public';
export const BEARER_SCHEME = 'bearer';
/** The dashboard page's session cookie (src/auth/session/): an alternative to the bearer token. */
export const COOKIE_SCHEME = 'cookie';
/** The page's refresh cookie, sent only to the session routes. */
export const REFRESH_COOKIE_SCHEME = 'refreshCookie';
/**
 * A public route (outside the AuthGuard) that checks a credential itself, the session routes: the
 * security requirements it states, instead of `security: []`.
 */
export const SECURITY_EXTENSION = 'x-security';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// The document's own types are loose unions of objects and $refs; this module builds plain objects.
type Json = Record<string, unknown>;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const MAX_INT32 = 2147483647;

const header = (description: string, schema: Json): Json => ({ description, schema });
const ref = (kind: 'headers' | 'schemas', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

export const COMPONENT_HEADERS: Record<string, Json> = {
  'X-RateLimit-Limit': header(
    'Requests allowed per window: RATE_LIMIT_PER_TOKEN for a valid bearer token (counted per user), RATE_LIMIT_PER_ADDRESS otherwise (counted per client address).',
    { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_INT32 },
  ),
  'X-RateLimit-Remaining': header('Requests left in the current window.', {
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: MAX_INT32,
  }),
  'X-RateLimit-Reset': header('Seconds until the current window ends.', {
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 86400,
  }),
  'Retry-After': header('Seconds to wait before trying again.', {
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 86400,
  }),
  'Access-Control-Allow-Origin': header(
    'Never sent: the API allows no cross-origin browser access (the dashboard is served from the same origin).',
    { type: 'string', maxLength: 2048 },
  ),
};

const EVERY_ANSWER_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Access-Control-Allow-Origin',
];

const FIELD_ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['field', 'message'],
  properties: {
    field: { type: 'string', maxLength: 1000, description: 'e.g. `renewal.mode`, `partyCodes.1`' },
    message: { type: 'string', maxLength: 1000, description: 'In English' },
    code: {
      type: 'string',
      maxLength: 100,
      description: 'The rule that failed when a validator named it (`isNotEmpty`, `maxLength`…)',
    },
  },
};

export const PROBLEM_DETAILS_SCHEMA: Json = {
  type: 'object',
  description: 'RFC 9457 problem details; every error answer of this API has this shape.',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', format: 'uri', maxLength: 200 },
    title: { type: 'string', maxLength: 200 },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
    detail: { type: 'string', maxLength: 10000 },
    instance: { type: 'string', maxLength: 16384, description: 'The request path' },
    errors: {
      type: 'array',
      maxItems: 10000,
      description: 'For 400: one entry per invalid field.',
      items: ref('schemas', 'FieldError'),
    },
    currentVersion: {
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: MAX_INT32,
      description: 'For 409 on a stale version: the version to reload.',
    },
  },
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input; `errors` names each field. Nothing was changed.',
  '401': 'No valid bearer token (or the account is no longer active).',
  '403': 'Not allowed for your role or outside your scope.',
  '404': 'Does not exist, or is not visible to you.',
  '409': 'Conflict: a stale `version`, or something that already exists.',
  '413': 'The request body is too large.',
  '422': 'The Idempotency-Key was already used with another body.',
  '429': 'Too many requests: wait Retry-After seconds.',
  '500': 'An unexpected error (a bug); it has been logged.',
  '503':
    'Temporarily unavailable (shutting down, Redis not answering, load shed): wait Retry-After seconds.',
};

/** Every signed-in POST may carry one (src/idempotency/): a retry with it replays the first answer. */
const IDEMPOTENCY_KEY_PARAMETER: Json = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes the POST safe to retry: the same key with the same body within 24 h replays the first 2xx answer (with `Idempotent-Replayed: true`); with another body, 422; while the first is still running, 409 with Retry-After.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9\\-._~:]+$' },
};

/** The error answers an operation can give, from what it takes and who may call it. */
export function errorStatuses(method: string, path: string, operation: Json): string[] {
  const secured = operation[PUBLIC_EXTENSION] !== true;
  const hasBody = operation.requestBody !== undefined;
  const hasInput = hasBody || ((operation.parameters as unknown[] | undefined)?.length ?? 0) > 0;
  const writes = ['post', 'put', 'patch'].includes(method);
  const idempotent = secured && method === 'post';
  const statuses: string[] = [];
  if (hasInput) statuses.push('400');
  if (secured) statuses.push('401', '403');
  if (path.includes('{')) statuses.push('404');
  if (secured && writes) statuses.push('409');
  if (hasBody) statuses.push('413');
  if (idempotent) statuses.push('422');
  statuses.push('429', '500', '503');
  return statuses;
}

function completeResponse(status: string, response: Json): void {
  if (Number(status) >= 400 && !response.content) {
    response.content = { [PROBLEM_CONTENT_TYPE]: { schema: ref('schemas', 'ProblemDetails') } };
  }
  const headers = (response.headers ?? {}) as Json;
  const names =
    status === '429' || status === '503'
      ? [...EVERY_ANSWER_HEADERS, 'Retry-After']
      : EVERY_ANSWER_HEADERS;
  for (const name of names) headers[name] ??= ref('headers', name);
  response.headers = headers;
  // A downloaded file has no length we could promise: the media type says what it is.
  for (const media of Object.values((response.content ?? {}) as Record<string, Json>)) {
    const schema = media.schema as Json | undefined;
    if (schema?.type === 'string' && schema.format === 'binary') delete media.schema;
  }
}

function completeParameters(operation: Json): void {
  for (const parameter of (operation.parameters ?? []) as Json[]) {
    const schema = parameter.schema as Json | undefined;
    // Every `{id}` is checked by UuidParam (common/errors/validation.ts).
    if (parameter.in === 'path' && parameter.name === 'id' && schema?.type === 'string') {
      Object.assign(schema, { format: 'uuid', maxLength: 36 });
    }
  }
}

function completeOperation(method: string, path: string, operation: Json): void {
  const isPublic = operation[PUBLIC_EXTENSION] === true;
  if (!isPublic && method === 'post') {
    operation.parameters = [...((operation.parameters ?? []) as Json[]), IDEMPOTENCY_KEY_PARAMETER];
  }
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  for (const status of errorStatuses(method, path, operation)) {
    responses[status] ??= { description: ERROR_DESCRIPTIONS[status] };
    responses[status].description ||= ERROR_DESCRIPTIONS[status];
  }
  for (const [status, response] of Object.entries(responses)) completeResponse(status, response);
  operation.responses = responses;
  // Public routes say so explicitly; every other route needs the bearer token or the page's session
  // cookie (the global AuthGuard), either one.
  const own = operation[SECURITY_EXTENSION] as Json[] | undefined;
  operation.security = own ?? (isPublic ? [] : [{ [BEARER_SCHEME]: [] }, { [COOKIE_SCHEME]: [] }]);
  delete operation[PUBLIC_EXTENSION];
  delete operation[SECURITY_EXTENSION];
  completeParameters(operation);
}

export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = document.components as Json;
  components.schemas = {
    ...(components.schemas as Json),
    FieldError: FIELD_ERROR_SCHEMA,
    ProblemDetails: PROBLEM_DETAILS_SCHEMA,
  };
  components.headers = { ...(components.headers as Json), ...COMPONENT_HEADERS };
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      completeOperation(method, path, operation);
      for (const tag of (operation.tags ?? []) as string[]) tags.add(tag);
    }
  }
  const described = new Set((document.tags ?? []).map((tag) => tag.name));
  document.tags = [
    ...(document.tags ?? []),
    ...[...tags].filter((tag) => !described.has(tag)).map((name) => ({ name })),
  ];
  return document;
}
