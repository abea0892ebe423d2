// The JSON api, signed in by the page's session cookie: an HttpOnly access cookie the script never
// sees, renewed through a rotating refresh cookie, and a CSRF token (kept in memory) sent with every
// request that changes something. A link opened in a new tab finds the session through the cookies.
import { M, t } from './format.js';

/** Header carrying the session's CSRF token (src/auth/session/session-cookies.ts). */
const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A 4xx/5xx answer; `problem` is its problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && problem.detail) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }
}

/** The request never got an answer (offline, server down). */
export class NetworkError extends Error {}

export const session = {
  /** The signed-in user (the API's user view), or null. */
  user: null,
  csrfToken: null,
  /** Called when the server no longer accepts the session and it cannot be renewed. */
  onExpired: () => {},
  save(answer) {
    this.user = answer.user;
    this.csrfToken = answer.csrfToken;
  },
  clear() {
    this.user = null;
    this.csrfToken = null;
  },
};

function readJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function send(path, options) {
  const method = options.method || 'GET';
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  // A Blob (an uploaded file) goes as the raw body with its own type; FormData (multipart, e.g.
  // evidence) with the boundary the browser sets; anything else as JSON.
  const form = typeof FormData !== 'undefined' && options.body instanceof FormData;
  const raw = form || (typeof Blob !== 'undefined' && options.body instanceof Blob);
  if (options.body !== undefined && !form)
    headers['Content-Type'] = raw ? options.body.type : 'application/json';
  if (!SAFE_METHODS.has(method) && session.csrfToken) headers[CSRF_HEADER] = session.csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined || raw ? options.body : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new NetworkError(M.networkError);
  }
  // An answer that replaced the session (a password change) hands over the new token.
  const renewed = response.headers.get(CSRF_HEADER);
  if (renewed) session.csrfToken = renewed;
  return response;
}

let refreshing = null;

/**
 * Renews the access cookie with the refresh cookie (which rotates). One renewal at a time: parallel
 * requests that all met a 401 wait for the same one. Answers whether the page is still signed in.
 */
export function refreshSession() {
  if (!refreshing) {
    refreshing = send('/api/auth/session/refresh', { method: 'POST' })
      .then(async (response) => {
        if (!response.ok) return false;
        session.save(readJson(await response.text()));
        return true;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/**
 * After a 403 on a change: whether the cookies now belong to a session with another CSRF token than
 * the one sent (taken on, so the caller can try again once).
 */
async function csrfTokenChanged() {
  const sent = session.csrfToken;
  if (!sent) return false;
  try {
    const response = await send('/api/auth/session', {});
    if (!response.ok) return false;
    const answer = readJson(await response.text());
    if (!answer || answer.csrfToken === sent || answer.user.id !== session.user?.id) return false;
    session.save(answer);
    return true;
  } catch {
    return false;
  }
}

/** At start: the session the cookies still hold (renewed if its access cookie ran out), or none. */
export async function restoreSession() {
  try {
    const response = await send('/api/auth/session', {});
    if (response.ok) {
      session.save(readJson(await response.text()));
      return true;
    }
  } catch {
    return false;
  }
  return refreshSession();
}

/** Signs the page in; throws ApiError (401 wrong credentials, 429 throttled) as api() does. */
export async function signIn(email, password) {
  session.save(
    await api('/api/auth/session', { method: 'POST', body: { email, password }, anonymous: true }),
  );
}

/** Ends the session on the server (the cookies stop working anywhere) and forgets it here. */
export async function signOutSession() {
  try {
    await send('/api/auth/session', { method: 'DELETE' });
  } catch {
    // Offline: the cookies are still cleared by the next answer; nothing more to do here.
  }
  session.clear();
}

/**
 * Answers the parsed body, or throws ApiError / NetworkError. A 401 first tries to renew the session
 * once; if that fails the session ends (onExpired). `anonymous`: a public route (no renewal).
 */
export async function api(path, options = {}) {
  let response = await send(path, options);
  if (response.status === 401 && !options.anonymous && (await refreshSession())) {
    response = await send(path, options);
  } else if (
    response.status === 403 &&
    !options.anonymous &&
    !SAFE_METHODS.has(options.method || 'GET') &&
    (await csrfTokenChanged())
  ) {
    // Another tab replaced the session the cookies carry (a password change): same user, new token.
    response = await send(path, options);
  }
  const data = readJson(await response.text());
  if (response.status === 401 && !options.anonymous) {
    session.onExpired();
    throw new ApiError(401, data);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * A file route (an export), fetched with the session cookie: its bytes and the file name the server
 * gave in Content-Disposition. Errors as for api().
 */
export async function fetchFile(path) {
  let response = await send(path, { headers: { Accept: '*/*' } });
  if (response.status === 401 && (await refreshSession())) {
    response = await send(path, { headers: { Accept: '*/*' } });
  }
  if (!response.ok) {
    const data = readJson(await response.text().catch(() => ''));
    if (response.status === 401) session.onExpired();
    throw new ApiError(response.status, data);
  }
  let blob;
  try {
    blob = await response.blob();
  } catch {
    throw new NetworkError(M.networkError);
  }
  return { blob, name: dispositionFileName(response.headers.get('Content-Disposition')) };
}

/** `attachment; filename="a.csv"` (or RFC 5987 `filename*=UTF-8''a.csv`) → `a.csv`; null without one. */
export function dispositionFileName(header) {
  if (!header) return null;
  let name = null;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1]);
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header);
    name = plain ? plain[1] || plain[2] : null;
  }
  // A name, never a path.
  return name ? name.replace(/[\\/]/g, '_') : null;
}

/** Every page of a paginated list. */
export async function listAll(path) {
  const items = [];
  for (let page = 1; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const data = await api(`${path}${separator}page=${page}&pageSize=200`);
    items.push(...data.items);
    if (items.length >= data.total || data.items.length === 0) return items;
  }
}

export const isExpired = (error) => error instanceof ApiError && error.status === 401;

/** A sentence for an error nothing more specific was said about. */
export function describeError(error) {
  if (error instanceof NetworkError) return M.networkError;
  return t('unexpectedError', { status: error instanceof ApiError ? error.status : '—' });
}
