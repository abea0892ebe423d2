import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens for cookie-authenticated requests: HMAC of the session id under a server key (OWASP's
 * "signed double-submit" variant, with the session id as the bound value). The page receives it in
 * the session answer and sends it back as X-CSRF-Token; another site can neither read it nor forge it,
 * and it dies with the session. Stateless, so every api instance checks it without a lookup.
 */
export function csrfKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'accords', 'csrf-tokens', 32) as ArrayBuffer);
}

export function csrfTokenFor(key: Buffer, sessionId: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfMatches(key: Buffer, sessionId: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length > 100) return false;
  const expected = Buffer.from(csrfTokenFor(key, sessionId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Methods that change nothing (RFC 9110 safe methods) need no CSRF token. */
export const isSafeMethod = (method: string) => ['GET', 'HEAD', 'OPTIONS'].includes(method);
