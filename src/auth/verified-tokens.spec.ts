import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const exp = 2_000_000; // seconds
  const subject = { userId: 'u1', generation: 0 };

  it('answers a remembered token until its exp, and forgets it then', () => {
    const tokens = new VerifiedTokens<typeof subject>();
    expect(tokens.get('t', exp * 1000 - 10)).toBeUndefined();
    tokens.remember('t', subject, exp);
    expect(tokens.get('t', exp * 1000 - 1)).toBe(subject);
    expect(tokens.get('t', exp * 1000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('does not keep a token without exp (it would never be checked again)', () => {
    const tokens = new VerifiedTokens<typeof subject>();
    tokens.remember('t', subject, undefined);
    expect(tokens.get('t', 0)).toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const tokens = new VerifiedTokens<typeof subject>(2);
    tokens.remember('a', subject, exp);
    tokens.remember('b', subject, exp);
    tokens.remember('c', subject, exp);
    expect(tokens.size).toBe(2);
    expect(tokens.get('a', 0)).toBeUndefined();
    expect(tokens.get('b', 0)).toBe(subject);
    expect(tokens.get('c', 0)).toBe(subject);
  });
});
