import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The short-lived access token (a JWT bound to its session row), sent with every request. */
export const SESSION_COOKIE = 'accords_session';
/** The rotating refresh token, sent only to the session routes. */
export const REFRESH_COOKIE = 'accords_refresh';
/** Header carrying the CSRF token on state-changing requests authenticated by the cookie. */
export const CSRF_HEADER = 'x-csrf-token';
/** Where the refresh cookie goes: the session routes (sign-in, refresh, sign-out), nowhere else. */
export const REFRESH_COOKIE_PATH = '/api/auth/session';

/** Access token lifetime: short, since a stolen one cannot be recalled before it ends. */
export const ACCESS_TTL_SECONDS = 15 * 60;
/** A session unused this long ends; each refresh moves it on. */
export const SESSION_IDLE_SECONDS = 14 * 24 * 3600;
/** A session ends this long after sign-in, however busy. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600;
/**
 * Two tabs may refresh with the same token at the same moment; the one that loses the race presents
 * the token just replaced. Within this window that is no theft, and it gets no new cookies (the
 * browser holds the winner's already).
 */
export const ROTATION_GRACE_MS = 30 * 1000;

/** Secure when the page was reached over HTTPS (x-forwarded-proto counts when TRUST_PROXY allows). */
export const isHttps = (request: FastifyRequest) => request.protocol === 'https';

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  tokens: { accessToken: string; refreshToken: string },
): void {
  const secure = isHttps(request);
  reply.setCookie(SESSION_COOKIE, tokens.accessToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ACCESS_TTL_SECONDS,
  });
  // Strict: only the page's own requests ever need it, never a navigation from elsewhere.
  reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: REFRESH_COOKIE_PATH,
    maxAge: SESSION_IDLE_SECONDS,
  });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = isHttps(request);
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(REFRESH_COOKIE, {
    path: REFRESH_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure,
  });
}

export const cookieOf = (request: FastifyRequest, name: string): string | undefined =>
  request.cookies?.[name] || undefined;

/** Response header carrying a new CSRF token when an answer replaced the session (password change). */
export const CSRF_RESPONSE_HEADER = 'X-CSRF-Token';
