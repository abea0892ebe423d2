import { LANGUAGE_INFO, LANGUAGES, type Language, MESSAGES } from './i18n';

export interface PageAssets {
  script: string;
  /** Style sheets in order: the base sheet first, then one per area of the page. */
  styles: string[];
  icon: string;
  /** Modules the script imports, preloaded so that a slow connection does not fetch them one by one. */
  modules: string[];
}

/**
 * The policy the page is written for: nothing inline that executes, nothing from another origin. The
 * dictionary travels in a `type="application/json"` block, which is data and not script; the script
 * sizes bars through the CSSOM, which `style-src 'self'` allows.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** JSON that cannot close the <script> block it sits in. */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

const LOGO = `<svg class="logo" viewBox="0 0 32 32" width="36" height="36" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1d4e89"/>
      <path d="M8 21.5l5-5 4 4 7-9" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>
      <circle cx="24" cy="11.5" r="2.2" fill="#7dd3a8"/>
    </svg>`;

/**
 * The HTML shell, server-rendered in the requested language: header, language switch and the sign-in
 * form work before the script runs; the script then fills `#app-view` from the JSON api.
 */
export function renderDashboardPage(lang: Language, assets: PageAssets): string {
  const m = MESSAGES[lang];
  const info = LANGUAGE_INFO[lang];
  const e = escapeHtml;
  const switcher = LANGUAGES.map((code) => {
    const current = code === lang ? ' aria-current="true"' : '';
    return `<a href="/?lang=${code}" hreflang="${code}" lang="${code}"${current}>${e(LANGUAGE_INFO[code].name)}</a>`;
  }).join('\n        ');
  const i18n = { lang, locale: info.locale, dir: info.dir, messages: m };

  return `<!doctype html>
<html lang="${lang}" dir="${info.dir}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light">
  <meta name="referrer" content="no-referrer">
  <title>${e(m.pageTitle)}</title>
  <link rel="icon" type="image/svg+xml" href="${e(assets.icon)}">
${assets.styles.map((url) => `  <link rel="stylesheet" href="${e(url)}">`).join('\n')}
  <script id="i18n" type="application/json">${jsonForScriptBlock(i18n)}</script>
  <script type="module" src="${e(assets.script)}"></script>
${assets.modules.map((url) => `  <link rel="modulepreload" href="${e(url)}">`).join('\n')}
</head>
<body>
  <a class="skip-link" href="#main">${e(m.skipToContent)}</a>
  <header class="topbar">
    <div class="brand">
      ${LOGO}
      <div>
        <h1 class="brand-name">Accords</h1>
        <p class="tagline">${e(m.tagline)}</p>
      </div>
    </div>
    <div class="topbar-actions">
      <nav class="lang-switch" aria-label="${e(m.language)}">
        ${switcher}
      </nav>
      <div id="session" class="session" hidden>
        <span id="session-user" class="session-user"></span>
        <button type="button" id="sign-out" class="btn ghost">${e(m.signOut)}</button>
      </div>
    </div>
  </header>
  <main id="main" tabindex="-1">
    <noscript><p class="notice error">${e(m.noscript)}</p></noscript>
    <section id="login-view" class="card login-card" aria-labelledby="login-title">
      <h2 id="login-title">${e(m.signInTitle)}</h2>
      <p class="muted">${e(m.signInIntro)}</p>
      <form id="login-form" method="post" action="/api/auth/login">
        <div class="field">
          <label for="login-email">${e(m.email)}</label>
          <input id="login-email" name="email" type="email" autocomplete="username" inputmode="email" required>
        </div>
        <div class="field">
          <label for="login-password">${e(m.password)}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <p id="login-error" class="notice error" role="alert" hidden></p>
        <button type="submit" class="btn primary" id="login-submit">${e(m.signIn)}</button>
      </form>
    </section>
    <div id="app-view" hidden></div>
  </main>
</body>
</html>
`;
}
