import * as argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3), the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verified against when the email is unknown, so that both failures take the same time.
const DECOY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$N9R9XiS2dNy5nfQXXaveyg$xkBA0GDcv6wHJzE94pP/FLcnErmE7eFTvWeFj+TbQF8';

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await argon2.verify(hash ?? DECOY_HASH, password);
    return ok && hash !== null;
  } catch {
    return false;
  }
}
