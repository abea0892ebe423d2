import fc from 'fast-check';

/**
 * Hostile inputs for the api fuzz drill: values a client (or an attacker) can put in a JSON body, a query
 * string or a path segment. Kept as fast-check arbitraries so a run is reproducible from its seed.
 */

/** A fragment of JSON text spliced verbatim into a body (JSON.stringify cannot produce these). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Nested `depth` times: arrays (`[[[...]]]`) or objects (`{"a":{"a":...}}`). */
export function deepJson(depth: number, shape: 'array' | 'object'): RawJson {
  return shape === 'array'
    ? new RawJson('['.repeat(depth) + ']'.repeat(depth))
    : new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}

/** An object whose own enumerable key is `key`, even for `__proto__` (an object literal would set the prototype). */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return target;
}

/** JSON text of a body, with RawJson fragments spliced in place. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return v;
  });
  // JSON.stringify escapes U+0001 as \u0001, so the marker cannot collide with a generated string.
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}

const ONE_MB = 1_000_000;

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\udfff',
  '\ud800',
  'x\ud83dy',
  '\uffff\ufffe',
  '\ufeffBOM',
  '\u202egnp.exe',
  '😀'.repeat(3),
  'é',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '%00',
  '%',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '=HYPERLINK("http://127.0.0.1")',
  'a'.repeat(201),
  'a'.repeat(501),
  'a'.repeat(2_049),
  'a'.repeat(10_001),
  'a'.repeat(ONE_MB),
  // 1.2 MB of UTF-8 in 600k characters: over the body limit once encoded.
  'é'.repeat(600_000),
];

/** Calendar dates that exist only on paper, or lie at the edges of what Date and PostgreSQL accept. */
export const HOSTILE_DATES: readonly string[] = [
  '2025-02-30',
  '2023-02-29',
  '2025-13-01',
  '2025-00-10',
  '2025-04-31',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2025-2-3',
  '2025-02-28T25:00:00Z',
  '2025-02-28T00:00:00+14:00',
  '2025-04-08 ',
  '２０２５-０１-０１',
  '1970-01-01',
  '4713-01-01 BC',
  'infinity',
  '-infinity',
  'epoch',
];

export const HOSTILE_NUMBERS: readonly unknown[] = [
  -1,
  0,
  -0,
  0.5,
  1.5,
  1e9,
  -1e9,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  // Fractions JavaScript prints in exponent form (a subnormal, a small one): maxDecimalPlaces misread them.
  -6e-323,
  1e-7,
  1.5e-7,
  '1',
  '1e3',
  '0x10',
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1' + '0'.repeat(400)),
  new RawJson('0.' + '0'.repeat(400) + '1'),
];

export const HOSTILE_EMAILS: readonly string[] = [
  'a@b',
  '@accords.example',
  'admin@accords.example\u0000',
  '\udfff@accords.example',
  'x\ud800@accords.example',
  'ADMIN@ACCORDS.EXAMPLE',
  ' admin@accords.example',
  'x@' + 'a'.repeat(300) + '.example',
  'a'.repeat(300) + '@accords.example',
  '"quoted"@accords.example',
  'x@[127.0.0.1]',
];

/** Webhook targets: loopback or plain invalid, so a fuzz run never sends traffic off the machine. */
export const HOSTILE_URLS: readonly string[] = [
  'http://127.0.0.1:1/hook',
  'http://127.0.0.1/\u0000',
  'https://[::1]:9/hook',
  'http://0x7f000001/',
  'http://2130706433/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://10.0.0.1/',
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_FLUSHALL',
  'javascript:alert(1)',
  'http://',
  'not a url',
  'http://127.0.0.1:99999/',
  'http://' + 'a'.repeat(3000) + '.invalid/',
  'http://user:pass@127.0.0.1/',
];

const pollutionObjects = (): unknown[] => [
  withOwnKey({}, '__proto__', { polluted: true, role: 'admin' }),
  { constructor: { prototype: { polluted: true } } },
  withOwnKey({ a: 1 }, '__proto__', null),
  { prototype: { polluted: true } },
];

/** Any JSON value a field should never accept: wrong types, nesting, pollution keys. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
    { arbitrary: fc.constantFrom(...HOSTILE_DATES), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_EMAILS), weight: 1 },
    {
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        [],
        {},
        [null],
        [[]],
        [{}],
        ['a', 1, null],
        new Array(10_001).fill('x'),
        ...pollutionObjects(),
      ),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(
        deepJson(50, 'array'),
        deepJson(2_000, 'array'),
        deepJson(20_000, 'object'),
      ),
      weight: 1,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 1 },
  );
}

/** A whole request body that is not the expected object at all. */
export function hostileBody(): fc.Arbitrary<unknown> {
  return fc.oneof(
    hostileValue(),
    fc.constantFrom(
      deepJson(100_000, 'array'),
      deepJson(100_000, 'object'),
      new RawJson('{"a":1,"a":2}'),
      new RawJson('{"__proto__":{"polluted":true}}'),
      new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
    ),
  );
}

/** Values for a path parameter named like an id, as they appear in the URL (already encoded). */
export function hostileIdSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '3F1D2A4E-0000-4000-8000-000000000000',
      '3f1d2a4e-0000-4000-8000-00000000000',
      '3f1d2a4e-0000-4000-8000-0000000000000',
      '{3f1d2a4e-0000-4000-8000-000000000000}',
      '3f1d2a4e00004000800000000000000',
      'not-a-uuid',
      '1',
      '-1',
      '0',
      '1e9',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      'a'.repeat(200),
      'a'.repeat(2_000),
      '%00',
      '%ff%fe',
      '%ED%BF%BF',
      '%C0%AE%C0%AE',
      '%2e%2e',
      '..',
      '%2F',
      '%252F',
      '%',
      '%zz',
      '%E0%A4%A',
      '%F0%9F%98%80',
      encodeURIComponent("'; DROP TABLE users; --"),
      encodeURIComponent('<script>'),
      '%20',
      'é',
    ),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  );
}

/** Encodes a query value; a lone surrogate (which encodeURIComponent refuses) goes as invalid UTF-8. */
export function encodeQueryValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          return '%ED%BF%BF';
        }
      })
      .join('');
  }
}

/** Query values as they appear in the URL (already encoded). */
export function hostileQueryValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '-1',
      '0',
      '1e9',
      '1e400',
      '99999999999999999999999',
      '1.5',
      'NaN',
      'Infinity',
      '0x10',
      '',
      'true',
      'maybe',
      '%00',
      '%',
      '%zz',
      '%ED%BF%BF',
      '%ff',
      'a'.repeat(10_000),
      'planned,,,,',
      ','.repeat(500),
    ),
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 20_000)).map(encodeQueryValue),
    fc.constantFrom(...HOSTILE_DATES).map(encodeQueryValue),
  );
}

/** Extra query pairs nobody declared: pollution keys, repeated and bracketed names. */
export function hostileQueryPairs(): fc.Arbitrary<string[]> {
  const pairs = fc.constantFrom(
    '__proto__=1',
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    'pageSize=1&pageSize=2',
    'page[]=1',
    'pageSize[$gt]=0',
    'status=planned&status=nope',
    'type=workshop,%00',
    'party=ma',
    'party=%C3%A9',
    'dueBefore=2025-02-30',
    'dueAfter=9999-12-31',
    'overdue=1',
    'q=%25%25',
    'q=' + 'a'.repeat(201),
    'token=' + 'a'.repeat(201),
    'token=%00',
    'lang=xx',
    'unknown=1',
    '=',
    '&&&',
  );
  return fc.array(pairs, { maxLength: 3 });
}
