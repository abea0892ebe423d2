import { InvalidInput } from '../common/errors/domain-errors';
import {
  canonicalJson,
  decideOnStoredKey,
  IDEMPOTENCY_KEY_TTL_MS,
  IN_PROGRESS_TIMEOUT_MS,
  parseIdempotencyKey,
  requestHash,
  type StoredKey,
} from './idempotency-rules';

describe('idempotency rules', () => {
  describe('parseIdempotencyKey', () => {
    it.each([
      ['7f9c2ba4-e88f-11e6-bf01-fe55135034f3'],
      ['01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      ['renewal:2026-04-08.committee_~1'],
      ['k'.repeat(255)],
    ])('accepts %s', (key) => {
      expect(parseIdempotencyKey(key)).toBe(key);
    });

    it('answers undefined without the header', () => {
      expect(parseIdempotencyKey(undefined)).toBeUndefined();
    });

    it.each([
      ['empty', ''],
      ['too long', 'k'.repeat(256)],
      ['a space', 'a b'],
      ['a slash', 'a/b'],
      ['non-ASCII', 'clé'],
      ['a quote', 'a"b'],
    ])('refuses a key with %s, naming the header', (_why, key) => {
      expect(() => parseIdempotencyKey(key)).toThrow(InvalidInput);
      try {
        parseIdempotencyKey(key);
      } catch (error) {
        expect((error as InvalidInput).errors[0].field).toBe('Idempotency-Key');
      }
    });

    it('refuses the header sent twice', () => {
      expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(InvalidInput);
    });
  });

  describe('request fingerprint', () => {
    it.each([
      [{ a: 1, b: { d: [2, 1], c: null } }, '{"a":1,"b":{"c":null,"d":[2,1]}}'],
      [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
      [[{ y: 1, x: 2 }], '[{"x":2,"y":1}]'],
      [{ a: undefined, b: 'x' }, '{"b":"x"}'],
      ['text', '"text"'],
    ])('canonical JSON of %j is %s', (value, expected) => {
      expect(canonicalJson(value)).toBe(expected);
    });

    it('hashes bodies that differ only in key order alike, and other bodies differently', () => {
      expect(requestHash({ decision: 'renew', version: 3 })).toBe(
        requestHash({ version: 3, decision: 'renew' }),
      );
      expect(requestHash({ decision: 'renew', version: 3 })).not.toBe(
        requestHash({ decision: 'renew', version: 4 }),
      );
      expect(requestHash(undefined)).not.toBe(requestHash({}));
    });

    it('hashes a raw upload by its bytes, not as the JSON of a Buffer', () => {
      const csv = Buffer.from('title,type\nA,workshop\n');
      expect(requestHash(csv)).toBe(requestHash(Buffer.from(csv)));
      expect(requestHash(csv)).not.toBe(requestHash(JSON.parse(JSON.stringify(csv))));
    });
  });

  describe('decideOnStoredKey', () => {
    const now = new Date('2026-04-08T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const request = { method: 'POST', path: '/api/agreements/x/renewals', requestHash: 'h1' };
    const stored = (overrides: Partial<StoredKey> = {}): StoredKey => ({
      ...request,
      responseStatus: 201,
      createdAt: ago(1000),
      ...overrides,
    });

    it.each([
      ['a finished request, same body', stored(), 'replay'],
      ['a finished request, other body', stored({ requestHash: 'h2' }), 'mismatch'],
      ['a finished request, other route', stored({ path: '/api/agreements' }), 'mismatch'],
      ['a running request', stored({ responseStatus: null }), 'in_progress'],
      [
        'a running request, other body',
        stored({ responseStatus: null, requestHash: 'h2' }),
        'mismatch',
      ],
      [
        'a request running for too long (it died)',
        stored({ responseStatus: null, createdAt: ago(IN_PROGRESS_TIMEOUT_MS) }),
        'take_over',
      ],
      [
        'a key just under 24 h old',
        stored({ createdAt: ago(IDEMPOTENCY_KEY_TTL_MS - 1) }),
        'replay',
      ],
      ['an expired key', stored({ createdAt: ago(IDEMPOTENCY_KEY_TTL_MS) }), 'take_over'],
      [
        'an expired key used for another body',
        stored({ createdAt: ago(IDEMPOTENCY_KEY_TTL_MS + 1), requestHash: 'h2' }),
        'take_over',
      ],
    ] as const)('%s: %s', (_what, row, expected) => {
      expect(decideOnStoredKey(row, request, now)).toBe(expected);
    });
  });
});
