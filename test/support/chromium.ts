import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

// Chromium for the browser suites. Apart from browser.ts so that global setup can start the shared one
// without loading the app.

/** Debian's chromium (`apt-get install chromium`); playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Where global setup's shared Chromium listens (a Playwright browser server). Every browser suite of
 * the run connects to it instead of starting a Chromium of its own; each suite still gets its own
 * contexts (cookies, storage, cache), which are closed when the suite disconnects.
 */
export const SHARED_CHROMIUM_ENV = 'ACCORDS_TEST_CHROMIUM_WS';

function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: apt-get install -y --no-install-recommends chromium ` +
        '(or set CHROMIUM_PATH)',
    );
  }
}

/** For global setup: one Chromium for the whole run (undefined when there is no Chromium here). */
export async function launchSharedChromium(): Promise<BrowserServer | undefined> {
  if (!existsSync(CHROMIUM_PATH)) return undefined; // the browser suites will say what to install
  return chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * A Chromium for a suite: a connection to the run's shared one when global setup started it, else a
 * Chromium of its own. Either way `close()` ends what the suite holds (its contexts included).
 */
export async function launchChromium(): Promise<Browser> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  if (shared) {
    try {
      return await chromium.connect(shared, { timeout: 10_000 });
    } catch {
      // The shared browser is gone (crashed, or its run ended): start one for this suite.
    }
  }
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
