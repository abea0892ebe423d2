/** Whose budget a request spends: a signed-in user's, or its client address's. */
export interface RateLimitSubject {
  key: string;
  kind: 'token' | 'address';
}

/**
 * A request with a valid bearer token counts against its user (however many tokens that user holds,
 * and from whatever address); anything else (no token, a forged or expired one) against the client
 * address, so that inventing tokens does not buy a fresh budget.
 */
export async function rateLimitSubject(
  authorization: string | undefined,
  clientAddress: string,
  verifyToken: (token: string) => Promise<string>,
): Promise<RateLimitSubject> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (bearer) {
    const userId = await verifyToken(bearer).catch(() => undefined);
    if (userId) return { key: `user:${userId}`, kind: 'token' };
  }
  return { key: `address:${clientAddress}`, kind: 'address' };
}
