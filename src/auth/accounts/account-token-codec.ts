import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { TokenPurpose } from './account-token.entity';

/** How long a link works: an invitation a week (people are away), a reset an hour (NIST 800-63B §6.1.2). */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 3600 * 1000,
  password_reset: 3600 * 1000,
};

/** The key that turns a token row's id into its secret; derived, so it is useless as a JWT key. */
export function accountTokenKey(serverSecret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', serverSecret, 'accords', 'account-link-tokens', 32) as ArrayBuffer,
  );
}

/**
 * The secret in a mail link: HMAC(key, row id), 256 bits, base64url. Derived rather than stored so that
 * the mail can be composed (and retried) by the worker long after the row was written, while the table
 * holds only the SHA-256 below: whoever reads the database still cannot open an account.
 */
export function tokenFor(key: Buffer, tokenId: string): string {
  return createHmac('sha256', key).update(`account-token:${tokenId}`).digest('base64url');
}

/** What is stored and looked up: hex SHA-256 of the token as sent. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A well-formed token (43 base64url characters); anything else is refused without a query. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
