import * as argon2 from 'argon2';

/**
 * Each argon2 computation takes 64 MiB for tens of milliseconds; a flood of logins must queue rather
 * than exhaust memory. At most this many run at once per process.
 */
const MAX_CONCURRENT_HASHES = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing computation hands its slot straight to the next waiter, so the cap is never exceeded.
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((r) => waiting.push(r));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** argon2id with the library's defaults (64 MiB, t=3), the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2.hash(password, { type: argon2.argon2id }));
}

// Verified against when the email is unknown, so that both failures take the same time.
const DECOY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$N9R9XiS2dNy5nfQXXaveyg$xkBA0GDcv6wHJzE94pP/FLcnErmE7eFTvWeFj+TbQF8';

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await limited(() => argon2.verify(hash ?? DECOY_HASH, password));
    return ok && hash !== null;
  } catch {
    return false;
  }
}
