import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of the bytes: what every store records and every download's ETag carries. */
export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
