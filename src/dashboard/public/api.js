// The JSON api, with the bearer token kept in sessionStorage (gone when the tab closes).
import { M, t } from './format.js';

const TOKEN_KEY = 'accords.token';
const USER_KEY = 'accords.user';

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
  token: sessionStorage.getItem(TOKEN_KEY),
  user: readJson(sessionStorage.getItem(USER_KEY)),
  /** Called when the server no longer accepts the token. */
  onExpired: () => {},
  save(token, user) {
    this.token = token;
    this.user = user;
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    this.token = null;
    this.user = null;
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

function readJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** Answers the parsed body, or throws ApiError / NetworkError. A 401 also ends the session. */
export async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  // A Blob (an uploaded file) goes as the raw body with its own type; anything else as JSON.
  const raw = typeof Blob !== 'undefined' && options.body instanceof Blob;
  if (options.body !== undefined)
    headers['Content-Type'] = raw ? options.body.type : 'application/json';
  if (session.token && !options.anonymous) headers.Authorization = 'Bearer ' + session.token;
  let response;
  try {
    response = await fetch(path, {
      method: options.method || 'GET',
      headers,
      body: options.body === undefined || raw ? options.body : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError(M.networkError);
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
 * A file route (an export) fetched with the bearer token, which a plain link cannot carry: its bytes and
 * the file name the server gave in Content-Disposition. Errors as for api().
 */
export async function fetchFile(path) {
  let response;
  let blob = null;
  try {
    response = await fetch(path, {
      headers: { Authorization: 'Bearer ' + session.token },
      cache: 'no-store',
    });
    if (response.ok) blob = await response.blob();
  } catch {
    throw new NetworkError(M.networkError);
  }
  if (!response.ok) {
    const data = readJson(await response.text().catch(() => ''));
    if (response.status === 401) session.onExpired();
    throw new ApiError(response.status, data);
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
