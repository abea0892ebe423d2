import {
  accountTokenKey,
  hashToken,
  TOKEN_LIFETIME_MS,
  TOKEN_PATTERN,
  tokenFor,
} from './account-token-codec';

describe('account link tokens', () => {
  const key = accountTokenKey('a-server-secret-of-some-length');
  const id = '3f1c2b9e-8a47-4d0e-9b1a-2c3d4e5f6a7b';

  it('derive the same token for the same row, another for another row or key', () => {
    expect(tokenFor(key, id)).toBe(tokenFor(key, id));
    expect(tokenFor(key, id)).not.toBe(tokenFor(key, '3f1c2b9e-8a47-4d0e-9b1a-2c3d4e5f6a7c'));
    expect(tokenFor(accountTokenKey('another-server-secret-1234'), id)).not.toBe(tokenFor(key, id));
  });

  it('are 256-bit base64url strings that fit in a URL fragment', () => {
    expect(tokenFor(key, id)).toMatch(TOKEN_PATTERN);
  });

  it('are stored only as their SHA-256, which does not reveal them', () => {
    const token = tokenFor(key, id);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });

  it('last 7 days for an invitation and 1 hour for a reset', () => {
    expect(TOKEN_LIFETIME_MS.invitation).toBe(604_800_000);
    expect(TOKEN_LIFETIME_MS.password_reset).toBe(3_600_000);
  });
});
