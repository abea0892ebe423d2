import { csrfKey, csrfMatches, csrfTokenFor, isSafeMethod } from './csrf';

describe('CSRF tokens', () => {
  const key = csrfKey('a-server-secret-of-some-length');
  const sid = '0b6a4a8e-0b1e-4c53-9f3a-6c7d8e9f0a1b';

  it('match only the session they were made for', () => {
    const token = csrfTokenFor(key, sid);
    expect(csrfMatches(key, sid, token)).toBe(true);
    expect(csrfMatches(key, '0b6a4a8e-0b1e-4c53-9f3a-6c7d8e9f0a1c', token)).toBe(false);
  });

  it.each([undefined, '', 'forged', ['an', 'array'], 'x'.repeat(500)])('refuse %p', (presented) => {
    expect(csrfMatches(key, sid, presented)).toBe(false);
  });

  it('cannot be made without the server key', () => {
    expect(csrfMatches(key, sid, csrfTokenFor(csrfKey('another-secret-of-some-length'), sid))).toBe(
      false,
    );
  });

  it.each([
    ['GET', true],
    ['HEAD', true],
    ['POST', false],
    ['PUT', false],
    ['PATCH', false],
    ['DELETE', false],
  ])('%s is safe: %p', (method, safe) => {
    expect(isSafeMethod(method)).toBe(safe);
  });
});
