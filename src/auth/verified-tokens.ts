/**
 * Bearer tokens already verified by this process, until their `exp`. Every API call carries its
 * token, and checking the HS256 signature and claims again on each one was 4 % of the CPU of a cheap
 * read. The token string is the key: the same bytes verify the same way until they expire.
 * Revocation is not this cache's concern: the user's token generation is read on every request.
 */
export class VerifiedTokens<Subject> {
  private readonly entries = new Map<string, { subject: Subject; expiresAtMs: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The subject of a token verified before and not yet expired at `nowMs`. */
  get(token: string, nowMs: number): Subject | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.subject;
  }

  /** `expiresAtSeconds`: the token's `exp` claim; a token without one is not kept. */
  remember(token: string, subject: Subject, expiresAtSeconds: number | undefined): void {
    if (typeof expiresAtSeconds !== 'number') return;
    // Oldest first out: Map iteration follows insertion order.
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { subject, expiresAtMs: expiresAtSeconds * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
