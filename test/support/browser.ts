import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../src/dashboard/i18n';
import { launchChromium } from './chromium';
import { createTestApp, DEMO_PASSWORD, type TestApp, type TestAppOptions } from './test-app';

export { CHROMIUM_PATH, launchChromium } from './chromium';

/**
 * Puts the test app on a real port for a browser (supertest alone needs none) and answers its base URL.
 * The app is already initialised by setupApp, so listen() only binds.
 */
export async function listenLocally(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** Locale Chromium reports for each page language (Intl formatting in the page follows it). */
export const BROWSER_LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' };

/** Copies the session cookies a sign-in answer set into a browser context, as the browser would. */
export async function addSessionCookies(
  context: BrowserContext,
  base: string,
  setCookie: string[] | string | undefined,
): Promise<void> {
  const { hostname } = new URL(base);
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookies = headers.map((header) => {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const cookie = {
      name: pair.slice(0, eq),
      value: pair.slice(eq + 1),
      domain: hostname,
      path: '/',
      httpOnly: false,
      secure: false,
      sameSite: 'Lax' as 'Lax' | 'Strict' | 'None',
      expires: -1,
    };
    for (const attribute of attributes) {
      const [key, value = ''] = attribute.split('=');
      switch (key.toLowerCase()) {
        case 'path':
          cookie.path = value;
          break;
        case 'httponly':
          cookie.httpOnly = true;
          break;
        case 'secure':
          cookie.secure = true;
          break;
        case 'samesite':
          cookie.sameSite = (value[0].toUpperCase() + value.slice(1).toLowerCase()) as 'Lax';
          break;
        case 'max-age':
          cookie.expires = Math.floor(Date.now() / 1000) + Number(value);
          break;
      }
    }
    return cookie;
  });
  if (cookies.length === 0) throw new Error('the sign-in answer set no cookie');
  await context.addCookies(cookies);
}

export interface BrowserAppOptions {
  /** Options of the test app (env, seeded…). */
  app?: TestAppOptions;
  /** Runs after the app exists and before it listens (sink, worker, fixtures, clock). */
  setup?: (t: TestApp) => Promise<void>;
  /** Runs before the app closes (stop what `setup` started). */
  teardown?: () => Promise<void>;
  /**
   * Console errors that are expected (e.g. Chromium's "Failed to load resource … status of 400" for
   * input the test sends on purpose). Without it, only uncaught page errors fail a test; with it,
   * any other console error fails the test too.
   */
  allowedConsoleErrors?: RegExp;
  /** Default timeout of each context's actions (ms). */
  actionTimeout?: number;
}

export interface PageOptions {
  lang?: Language;
  width?: number;
  height?: number;
  /** Signs this user in (through the API, session cookies put in the context) before opening. */
  user?: string;
  password?: string;
  /** What follows the base URL, `?lang=…` included if wanted; default `/?lang=<lang>` (or `/`). */
  path?: string;
  /** Reported to the page as its locale (e.g. `BROWSER_LOCALES[lang]`); default Chromium's. */
  locale?: string;
}

export interface BrowserApp {
  readonly t: TestApp;
  readonly base: string;
  readonly browser: Browser;
  /** A new context (closed after the test), its failures collected. */
  newContext(options?: PageOptions): Promise<BrowserContext>;
  /** A page in a new context: signed in as `user` if given, at `path`. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Opens `path` in a new page of `context`, watched for errors like every page. */
  open(context: BrowserContext, path: string): Promise<Page>;
  /** Signs `email` in for `context` through the API (the same route the login form posts to). */
  signIn(context: BrowserContext, email: string, password?: string): Promise<void>;
  /** Watches a page the test got otherwise (a popup, a tab opened by the page). */
  watch(page: Page): Page;
}

/**
 * The scaffold of every browser suite: the real api on its own database and port, the run's shared
 * Chromium, a fresh context per page, and a test that fails on any page error (or unexpected console
 * error). Call it once at the top of a `describe`; it registers its own hooks. A new suite:
 *
 * ```ts
 * describe('my screen', () => {
 *   jest.setTimeout(60_000);
 *   const b = useBrowserApp({ allowedConsoleErrors: /status of (400|409)/ });
 *   it('shows it', async () => {
 *     const page = await b.newPage({ user: DEMO.pm, lang: 'ar', width: 360, path: '/?lang=ar#plans' });
 *     await page.locator('#my-screen').waitFor();
 *   });
 * });
 * ```
 *
 * `b.t` is the TestApp (http, clock, tokenFor…), `b.base` its URL. The Chromium is a connection to the
 * run's shared one, so a download has no local `path()`: read it with `download.createReadStream()`.
 * Sign in through the login form only
 * in a test about the login form; `user:` signs in through the API, which is faster and equivalent.
 */
export function useBrowserApp(options: BrowserAppOptions = {}): BrowserApp {
  let t: TestApp | undefined;
  let base: string | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(options.app), launchChromium()]);
    await options.setup?.(t);
    base = await listenLocally(t);
  });
  afterAll(async () => {
    await browser?.close();
    await options.teardown?.();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    // An uncaught exception (or an unexpected console error) in the page fails the test that caused it.
    expect(problems.splice(0)).toEqual([]);
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`useBrowserApp: ${what} is not ready (beforeAll failed?)`);
    return value;
  };

  const self: BrowserApp = {
    get t() {
      return ready(t, 'the app');
    },
    get base() {
      return ready(base, 'the base URL');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
    watch(page) {
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      const allowed = options.allowedConsoleErrors;
      if (allowed) {
        page.on('console', (message) => {
          if (message.type() !== 'error' || allowed.test(message.text())) return;
          problems.push(`console: ${message.text()}`);
        });
      }
      return page;
    },
    async newContext(o = {}) {
      const width = o.width ?? 1366;
      const context = await self.browser.newContext({
        viewport: { width, height: o.height ?? (width < 500 ? 740 : 900) },
        deviceScaleFactor: 1,
        locale: o.locale,
      });
      contexts.push(context);
      context.setDefaultTimeout(options.actionTimeout ?? 15_000);
      context.on('page', (page) => self.watch(page));
      return context;
    },
    async open(context, path) {
      const page = await context.newPage(); // watched by the context's 'page' listener
      await page.goto(self.base + path);
      return page;
    },
    async signIn(context, email, password = DEMO_PASSWORD) {
      const res = await self.t.http.post('/api/auth/session').send({ email, password });
      if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${res.text}`);
      await addSessionCookies(context, self.base, res.headers['set-cookie']);
    },
    async newPage(o = {}) {
      const context = await self.newContext(o);
      if (o.user) await self.signIn(context, o.user, o.password);
      return self.open(context, o.path ?? (o.lang ? `/?lang=${o.lang}` : '/'));
    },
  };
  return self;
}
