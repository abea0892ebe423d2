// Hash routes: the address names what is on screen, so a link in a mail, a calendar event or an IATI
// file opens that item, and reload, back and forward keep working. Routes look like `#plan/<id>`,
// `#activity/<id>`, `#agreement/<id>`, `#agreements`, `#admin/users`, `#account`,
// `#invitation/<token>`; the older `#plan=<id>` still opens its plan.
//
// Screens register themselves (`registerScreen`) when their module is imported; dashboard.js owns the
// shell (sign-in, navigation bar) and calls `dispatch` whenever the hash changes.

const screens = [];

/**
 * A screen: `path` is a pattern like `agreements`, `agreement/:id` or `admin/users`; `render(view,
 * params)` fills the app view (it may be async). `roles` limits who sees it (absent: every signed-in
 * user); `public: true` screens work without a session (links from mail before sign-in); `nav` gives
 * the label function of its entry in the navigation bar, in `navOrder` order.
 */
export function registerScreen(screen) {
  const segments = screen.path.split('/');
  screens.push({ ...screen, segments });
}

/** The hash as segments, decoded: `#agreement/abc` → `['agreement', 'abc']`; `#plan=x` → `['plan', 'x']`. */
export function hashSegments(hash = location.hash) {
  const raw = hash.replace(/^#/, '');
  if (!raw) return [];
  const legacy = /^plan=([^&]+)/.exec(raw);
  if (legacy) return ['plan', safeDecode(legacy[1])];
  return raw.split('/').map(safeDecode);
}

function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The registered screen for the hash and its named params, or null. */
export function matchScreen(hash = location.hash) {
  const segments = hashSegments(hash);
  for (const screen of screens) {
    if (screen.segments.length !== segments.length) continue;
    const params = {};
    const matches = screen.segments.every((pattern, i) => {
      if (pattern.startsWith(':')) {
        params[pattern.slice(1)] = segments[i];
        return segments[i] !== '';
      }
      return pattern === segments[i];
    });
    if (matches) return { screen, params };
  }
  return null;
}

/** Whether a user of `role` may open the screen. */
export function allowed(screen, user) {
  if (screen.public) return true;
  if (!user) return false;
  return !screen.roles || screen.roles.includes(user.role);
}

/** The screens with a navigation entry the user may open, in their `navOrder`. */
export function navigationEntries(user) {
  return screens
    .filter((screen) => screen.nav && allowed(screen, user))
    .sort((a, b) => (a.navOrder ?? 50) - (b.navOrder ?? 50));
}

/** `#` + the path with each segment encoded: `hrefFor('agreement', id)`. */
export function hrefFor(...segments) {
  return '#' + segments.map((s) => encodeURIComponent(String(s))).join('/');
}

/**
 * Goes to a route. `replace` rewrites the current history entry (a redirect, not a step the back
 * button should return to). Setting the same hash again re-renders, which a plain assignment would not.
 */
export function navigate(hash, { replace = false } = {}) {
  const target = hash.startsWith('#') ? hash : '#' + hash;
  if (target === location.hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
  syncLanguageLinks();
}

/** The language switch keeps the place: `/?lang=ar#agreement/…` (call after any hash change). */
export function syncLanguageLinks() {
  for (const link of document.querySelectorAll('.lang-switch a')) {
    link.setAttribute('href', `/?lang=${link.getAttribute('hreflang')}${location.hash}`);
  }
}
