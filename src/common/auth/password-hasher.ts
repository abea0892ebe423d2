import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';
import { GateTicket, HashGate } from './hash-gate';

/**
 * Each argon2 computation takes 64 MiB and, with p=4, several threads for tens of milliseconds: one or
 * two at once already use the CPU, and more only make each one slower (measured here: 2 in parallel
 * take twice as long as 1). So one per two cores run at once, and a flood of logins is turned away
 * (503 + Retry-After) once 16 callers wait or one waited 5 s, instead of queueing without end.
 */
const gate = new HashGate({
  maxConcurrent: Math.max(1, Math.floor(availableParallelism() / 2)),
  maxWaiting: 16,
  maxWaitMs: 5000,
  retryAfterSeconds: 2,
});

/** argon2id with the library's defaults (64 MiB, t=3), the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return gate.run(() => argon2.hash(password, { type: argon2.argon2id }));
}

// Verified against when the email is unknown, so that both failures take the same time.
const DECOY_HASH =
  '$argon2id$v=19$m=65536,p=4,t=3$N9R9XiS2dNy5nfQXXaveyg$xkBA0GDcv6wHJzE94pP/FLcnErmE7eFTvWeFj+TbQF8';

/**
 * `ticket`: the client address (waiters take turns by address) and whether the caller is likely
 * genuine (an address the account logged in from), whose check goes ahead of a flood. Throws
 * ServiceBusy when the queue sheds the check.
 */
export async function verifyPassword(
  hash: string | null,
  password: string,
  ticket: GateTicket = {},
): Promise<boolean> {
  return gate.run(async () => {
    try {
      const ok = await argon2.verify(hash ?? DECOY_HASH, password);
      return ok && hash !== null;
    } catch {
      return false;
    }
  }, ticket);
}
