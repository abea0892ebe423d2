import fc from 'fast-check';
import {
  hostileBody,
  hostileIdSegment,
  hostileQueryPairs,
  hostileQueryValue,
  hostileValue,
  HOSTILE_DATES,
  HOSTILE_STRINGS,
  HOSTILE_URLS,
  toJsonText,
  withOwnKey,
} from './hostile-values';

/**
 * Request generators driven by the OpenAPI document: every path x method the api documents becomes an
 * operation, and its parameters and body schema decide what is sent (mostly well-formed values with a
 * hostile one mixed in, so the fuzz reaches the services and not only the validation layer).
 */

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  $ref?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OpenApiOperationObject {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

export interface Operation {
  /** `POST /api/agreements/{id}/renewals`, as in the document. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  bodyTypes: string[];
  bodySchema?: Schema;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** Who sends the request; the test turns this into an Authorization header. */
export type FuzzCaller = 'admin' | 'focal_point' | 'anonymous' | 'garbage_token' | 'alien_subject';

export interface FuzzRequest {
  caller: FuzzCaller;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface FuzzContext {
  doc: OpenApiDocument;
  /** Real ids for a path parameter, by the collection it follows (`agreements`, `users`...). */
  idsFor(collection: string): string[];
  agreementIds: string[];
  /** The header row of the activities CSV, so generated imports look like the real layout. */
  csvHeader: string;
}

export function requestArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const caller = fc.oneof(
    { arbitrary: fc.constant<FuzzCaller>('admin'), weight: 10 },
    { arbitrary: fc.constant<FuzzCaller>('focal_point'), weight: 8 },
    { arbitrary: fc.constant<FuzzCaller>('anonymous'), weight: 1 },
    { arbitrary: fc.constant<FuzzCaller>('garbage_token'), weight: 1 },
    { arbitrary: fc.constant<FuzzCaller>('alien_subject'), weight: 1 },
  );
  return fc
    .record({
      caller,
      path: pathArbitrary(op, ctx),
      query: queryArbitrary(op, ctx),
      headers: headersArbitrary(op),
      body: bodyArbitrary(op, ctx),
    })
    .map(({ caller, path, query, headers, body }) => ({
      caller,
      method: op.method,
      url: query ? `${path}?${query}` : path,
      headers: { ...headers, ...(body ? { 'content-type': body.contentType } : {}) },
      payload: body?.payload,
    }));
}

function pathArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  const segments = op.path.split('/');
  const parts = segments.map((segment, i) => {
    const param = /^\{(.+)\}$/.exec(segment);
    if (!param) return fc.constant(segment);
    const known = ctx.idsFor(segments[i - 1] ?? '');
    return fc.oneof(
      ...(known.length > 0 ? [{ arbitrary: fc.constantFrom(...known), weight: 6 }] : []),
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: hostileIdSegment(), weight: 3 },
    );
  });
  return fc.tuple(...parts).map((values) => values.join('/'));
}

const FILTER_VALUES: Record<string, fc.Arbitrary<string>> = {
  page: fc.integer({ min: 1, max: 3 }).map(String),
  pageSize: fc.integer({ min: 1, max: 200 }).map(String),
  status: fc.constantFrom('planned', 'in_progress,completed', 'cancelled'),
  type: fc.constantFrom('workshop', 'study_visit,meeting'),
  party: fc.constantFrom('MA', 'CI', 'EG'),
  dueBefore: fc.constantFrom('2026-01-01', '2025-12-31'),
  dueAfter: fc.constantFrom('2025-01-01', '2026-06-15'),
  overdue: fc.constantFrom('true', 'false'),
  q: fc.constantFrom('atelier', 'etude', 'ÉTUDE', '%25'),
};

/** Declared query parameters (valid or hostile), plus the undeclared filters some routes read. */
function queryArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  void ctx;
  const declared = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const names = [...new Set([...declared, ...Object.keys(FILTER_VALUES)])];
  const pairs = names.map((name) =>
    fc.option(
      fc
        .oneof(
          { arbitrary: FILTER_VALUES[name] ?? fc.constant('1'), weight: 2 },
          { arbitrary: hostileQueryValue(), weight: 1 },
        )
        .map((value) => `${name}=${value}`),
      // Declared parameters are sent more often than the filters other routes read.
      { freq: declared.includes(name) ? 2 : 6, nil: null },
    ),
  );
  return fc
    .tuple(fc.tuple(...pairs), hostileQueryPairs())
    .map(([named, extra]) => [...named.filter((p): p is string => p !== null), ...extra].join('&'));
}

function headersArbitrary(op: Operation): fc.Arbitrary<Record<string, string>> {
  const declared = op.parameters.filter((p) => p.in === 'header');
  const entries = declared.map((p) =>
    fc.option(
      fc
        .constantFrom(
          '"1"',
          '"2"',
          '1',
          '*',
          'W/"1"',
          '"-1"',
          '"1.5"',
          '"99999999999999999999"',
          '"2147483648"',
          '"1", "2"',
          'abc',
          '',
          'a'.repeat(8_000),
        )
        .map((value) => [p.name.toLowerCase(), value] as const),
      { nil: null },
    ),
  );
  return fc
    .tuple(
      ...entries,
      fc.option(fc.constantFrom('fuzz-key-1', 'a'.repeat(300), '\u00e9'), { nil: null }),
    )
    .map((values) => {
      const headers: Record<string, string> = {};
      const idempotency = values.pop() as string | null;
      for (const entry of values as ([string, string] | null)[]) {
        if (entry) headers[entry[0]] = entry[1];
      }
      if (idempotency) headers['idempotency-key'] = idempotency;
      return headers;
    });
}

interface Body {
  contentType: string;
  payload: string | Buffer;
}

function bodyArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<Body | null> {
  const json = (value: unknown): Body => ({
    contentType: 'application/json',
    payload: toJsonText(value),
  });
  // Routes without a body still get one now and then: unknown fields must be refused, not crash.
  if (op.bodyTypes.length === 0) {
    return fc.oneof(
      { arbitrary: fc.constant(null), weight: 3 },
      { arbitrary: fc.constant(json({})), weight: 1 },
      { arbitrary: hostileBody().map(json), weight: 1 },
      { arbitrary: fc.constant(json({ unexpected: 1 })), weight: 1 },
    );
  }
  if (!op.bodySchema) return fileBodyArbitrary(op, ctx);
  const schema = resolve(ctx.doc, op.bodySchema);
  return fc.oneof(
    { arbitrary: objectArbitrary(schema, ctx, 0).map(json), weight: 8 },
    { arbitrary: hostileBody().map(json), weight: 1 },
    {
      arbitrary: fc.constantFrom<Body>(
        { contentType: 'application/json', payload: '' },
        { contentType: 'application/json', payload: '{' },
        { contentType: 'application/json', payload: '{"a":1,}' },
        { contentType: 'application/json', payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
        { contentType: 'application/json; charset=utf-16', payload: '{}' },
        { contentType: 'text/plain', payload: '{}' },
        { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&__proto__=2' },
        {
          contentType: 'application/xml',
          payload: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        },
        { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\n\r\n--x--' },
      ),
      weight: 1,
    },
  );
}

/** Raw file uploads (the activities import): CSV in the export's layout with hostile cells, or junk. */
function fileBodyArbitrary(op: Operation, ctx: FuzzContext): fc.Arbitrary<Body | null> {
  const types = op.bodyTypes;
  const cell = fc.oneof(
    fc.constantFrom('Atelier', 'workshop', 'MA', 'CI', '2026-09-30', 'planned', '50', ''),
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 20_000)),
    fc.constantFrom(...HOSTILE_DATES),
    fc.constantFrom('=cmd|" /C calc"!A0', '"unclosed', 'a"b', '\r', '\n\n', ';;;', '-1', '1e9'),
  );
  const columns = Math.max(1, ctx.csvHeader.split(',').length);
  const csvRow = fc
    .array(cell, { minLength: 0, maxLength: columns + 2 })
    .map((cells) =>
      cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
    );
  const csv = fc
    .tuple(fc.boolean(), fc.array(csvRow, { maxLength: 5 }))
    .map(([header, rows]) => [...(header ? [ctx.csvHeader] : []), ...rows].join('\r\n'));
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...types), csv)
        .map(([contentType, payload]) => ({ contentType, payload })),
      weight: 5,
    },
    {
      arbitrary: fc.constantFrom<Body>(
        { contentType: types[0], payload: '' },
        { contentType: types[0], payload: Buffer.from([0xff, 0xfe, 0x00, 0x00, 0xd8, 0x00]) },
        { contentType: types[types.length - 1], payload: Buffer.from('PK\u0003\u0004garbage') },
        { contentType: types[types.length - 1], payload: 'not a workbook' },
        { contentType: 'application/json', payload: '{"rows":[]}' },
        { contentType: 'text/plain', payload: ctx.csvHeader },
      ),
      weight: 2,
    },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return doc.components?.schemas?.[name] ?? {};
}

const MAX_DEPTH = 3;

/** An object for the schema: each property present or not, valid or hostile; sometimes a pollution key. */
function objectArbitrary(schema: Schema, ctx: FuzzContext, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, prop]) =>
    fc.option(fieldArbitrary(name, resolve(ctx.doc, prop), ctx, depth + 1), {
      // Required fields are nearly always there, so most bodies get past the first check.
      freq: required.has(name) ? 20 : 3,
      nil: undefined,
    }),
  );
  const extra = fc.option(
    fc.constantFrom<[string, unknown]>(
      ['__proto__', { polluted: true }],
      ['constructor', { prototype: { polluted: true } }],
      ['unknownField', 1],
      ['id', '3f1d2a4e-0000-4000-8000-000000000000'],
      ['createdAt', '2020-01-01T00:00:00Z'],
      ['version', 1],
    ),
    { freq: 6, nil: null },
  );
  return fc.tuple(fc.tuple(...fields), extra).map(([values, extraField]) => {
    const body: Record<string, unknown> = {};
    properties.forEach(([name], i) => {
      if (values[i] !== undefined) body[name] = values[i];
    });
    if (extraField) withOwnKey(body, extraField[0], extraField[1]);
    return body;
  });
}

function fieldArbitrary(
  name: string,
  schema: Schema,
  ctx: FuzzContext,
  depth: number,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: validArbitrary(name, schema, ctx, depth), weight: 5 },
    { arbitrary: hostileFor(name), weight: 2 },
  );
}

/** Hostile values, with the field's own kind of trouble more likely (dates for dates, URLs for URLs). */
function hostileFor(name: string): fc.Arbitrary<unknown> {
  if (/url$/i.test(name)) return fc.oneof(fc.constantFrom(...HOSTILE_URLS), hostileValue());
  if (/On$|^due(Before|After)$/.test(name))
    return fc.oneof(fc.constantFrom(...HOSTILE_DATES), hostileValue());
  return hostileValue();
}

const KNOWN_EMAILS = [
  'admin@accords.example',
  'focal.ma@accords.example',
  'fuzz.1@accords.example',
  'fuzz.2@accords.example',
];
const PARTY_CODES = ['MA', 'CI', 'EG', 'TN', 'ZZ', 'ma', 'M', 'IOM'];
const DATES = ['2025-04-08', '2026-06-15', '2026-12-31', '2024-02-29', '2030-01-01'];
const ZONES = [
  'Africa/Casablanca',
  'Africa/Abidjan',
  'Europe/Paris',
  'Etc/GMT+12',
  'Asia/Kathmandu',
  'Nowhere/City',
  'UTC',
];

/** Values a well-behaved client would send, chosen by field name first (the schema often says only "string"). */
function validArbitrary(
  name: string,
  schema: Schema,
  ctx: FuzzContext,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (/url$/i.test(name)) return fc.constantFrom('http://127.0.0.1:9/hook', 'https://[::1]/hook');
  if (name === 'email') {
    // Mostly a few known addresses (logins then hit the throttle, creations a 409), now and then a new one.
    return fc.oneof(
      { arbitrary: fc.constantFrom(...KNOWN_EMAILS), weight: 3 },
      {
        arbitrary: fc.integer({ min: 1, max: 1_000_000 }).map((n) => `fuzz.${n}@accords.example`),
        weight: 1,
      },
    );
  }
  if (name === 'password') return fc.constantFrom('fuzz-password-123', 'accords-demo', 'short');
  if (/On$|^due(Before|After)$/.test(name)) return fc.constantFrom(...DATES);
  if (name === 'timeZone') return fc.constantFrom(...ZONES);
  if (/partyCodes$/.test(name))
    return fc.uniqueArray(fc.constantFrom(...PARTY_CODES), { minLength: 1, maxLength: 3 });
  if (/[pP]artyCode$|^code$/.test(name))
    return fc.oneof(fc.constantFrom(...PARTY_CODES), fc.stringMatching(/^[A-Z][A-Z0-9]{1,15}$/));
  if (name === 'observedAgreementIds') return fc.subarray(ctx.agreementIds);
  if (name === 'renewal') {
    return fc.record(
      {
        mode: fc.constantFrom('none', 'tacit', 'explicit', 'forever'),
        termMonths: fc.oneof(
          fc.integer({ min: 1, max: 1200 }),
          fc.constantFrom(...[0, -1, 1e9, 99_999]),
        ),
        noticeDays: fc.oneof(fc.integer({ min: 0, max: 3650 }), fc.constant(-1)),
      },
      { requiredKeys: ['mode'] },
    );
  }
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000, -1_000_000),
        max: Math.min(schema.maximum ?? 1_000, 1_000_000),
      });
    case 'array': {
      const items = resolve(ctx.doc, schema.items ?? {});
      if (depth > MAX_DEPTH) return fc.constant([]);
      const item =
        items.type === 'object' || items.properties
          ? objectArbitrary(items, ctx, depth)
          : validArbitrary(name.replace(/s$/, ''), items, ctx, depth + 1);
      return fc.array(item, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    }
    case 'object':
      return depth > MAX_DEPTH ? fc.constant({}) : objectArbitrary(schema, ctx, depth);
    default:
      return fc.oneof(
        fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 40, 40),
        }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      );
  }
}

/** Human-readable one-liner of a request, cut short (bodies can be a megabyte). */
export function describeRequest(req: FuzzRequest): string {
  const body =
    req.payload === undefined
      ? ''
      : ` ${req.headers['content-type']} ${String(Buffer.isBuffer(req.payload) ? `<${req.payload.length} bytes>` : req.payload).slice(0, 240)}`;
  const headers = Object.entries(req.headers)
    .filter(([k]) => k !== 'content-type')
    .map(([k, v]) => `${k}: ${v.slice(0, 40)}`)
    .join('; ');
  return `[${req.caller}] ${req.method} ${req.url.slice(0, 240)}${headers ? ` {${headers}}` : ''}${body}`;
}
