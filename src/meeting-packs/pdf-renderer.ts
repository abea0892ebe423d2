import { existsSync } from 'node:fs';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { onFirstUse } from '../common/modules/on-first-use';
import { AppConfig } from '../config/app-config';

const playwright = onFirstUse(() => require('playwright-core') as typeof import('playwright-core'));

const CHROMIUM_ARGS = [
  '--headless',
  // The worker runs as an unprivileged user in a container without user namespaces; the page it
  // prints is our own HTML with JavaScript off and the network blocked, so the sandbox guards nothing.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];

/**
 * Prints HTML to an A4 PDF with the system's headless Chromium (Debian's `chromium`; playwright-core
 * only drives it and never downloads a browser). Chromium does the text layout, so Arabic is shaped
 * and ordered by HarfBuzz and the bidi algorithm, with the system's fonts (fonts-noto-core).
 *
 * Each document gets a fresh browser context with JavaScript disabled and every request aborted: the
 * HTML is self-contained, and content typed by users can never make the worker fetch anything. One
 * browser is started on first use and kept for the next jobs; it is started again if it died.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('PdfRenderer');
  private browser: Promise<Browser> | null = null;

  constructor(private readonly config: AppConfig) {}

  async render(html: string): Promise<Buffer> {
    const browser = await this.launched();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(this.config.PACK_RENDER_TIMEOUT_MS);
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  }

  private launched(): Promise<Browser> {
    if (!this.browser) {
      const path = this.config.CHROMIUM_PATH;
      if (!existsSync(path)) {
        return Promise.reject(
          new Error(
            `No Chromium at ${path} (CHROMIUM_PATH): apt-get install chromium fonts-noto-core`,
          ),
        );
      }
      const started = playwright().chromium.launch({
        executablePath: path,
        args: CHROMIUM_ARGS,
        headless: true,
      });
      this.browser = started;
      started.then(
        (browser) =>
          browser.on('disconnected', () => {
            if (this.browser === started) this.browser = null;
          }),
        () => {
          if (this.browser === started) this.browser = null;
        },
      );
    }
    return this.browser;
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    try {
      await (await browser).close();
    } catch (error) {
      this.logger.warn(`closing Chromium: ${(error as Error).message}`);
    }
  }
}
