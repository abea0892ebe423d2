import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MESSAGES, type Language } from '../../src/dashboard/i18n';
import { linkIn, mailTo } from '../support/account-helpers';
import { launchChromium, listenLocally } from '../support/browser';
import { seededPlan } from '../support/fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, DEMO, DEMO_PASSWORD, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';

const NEW_PASSWORD = 'une phrase de passe assez longue 2026';

/**
 * Accounts in a real Chromium: the password reset and the invitation from the mail at the SMTP sink to
 * a signed-in page, and a mail link opened in a new tab landing signed in. French and Arabic, at a
 * desktop width and a 360 px phone.
 */
describe('accounts in the page', () => {
  jest.setTimeout(90_000);
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let base: string;
  let browser: Browser;
  let admin: string;
  let counter = 0;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const port = await sink.start();
    t = await createTestApp({
      env: {
        SMTP_URL: sink.url(port),
        REMINDER_SWEEP_EVERY_MS: '3600000',
        DELIVERY_BACKOFF_MS: '50',
      },
    });
    base = await listenLocally(t);
    worker = await startWorker(t);
    browser = await launchChromium();
    admin = await t.tokenFor(DEMO.admin);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await sink.stop();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function newContext(width: number): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width, height: width < 500 ? 740 : 900 },
      deviceScaleFactor: 1,
    });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context;
  }

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    return page;
  }

  /** The mail's link, pointed at this test's server (PUBLIC_URL is the default one). */
  const local = (url: string) => url.replace(t.config.PUBLIC_URL, base);

  const overflow = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  async function expectSignedInAs(page: Page, name: string) {
    await page.locator('#session:not([hidden])').waitFor();
    await expect(page.locator('#session-user .session-name').textContent()).resolves.toBe(name);
    await expect(page.locator('#login-view').isHidden()).resolves.toBe(true);
  }

  async function setPassword(page: Page, lang: Language) {
    const m = MESSAGES[lang];
    await page.locator('#set-password-form').getByLabel(m.acctNewPassword).fill(NEW_PASSWORD);
    await page.locator('#set-password-form').getByLabel(m.acctConfirmPassword).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: m.acctSetPassword }).click();
  }

  // Left to right at a desktop width, right to left on a phone: the two layouts that differ most.
  const cases: [Language, number][] = [
    ['fr', 1366],
    ['ar', 360],
  ];

  it.each(cases)('a password reset end to end in the page (%s, %i px)', async (lang, width) => {
    const m = MESSAGES[lang];
    const email = `reset.${lang}.${width}.${++counter}@example.org`;
    const name = lang === 'ar' ? 'ليلى بنعلي' : 'Léa Martin';
    await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        email,
        name,
        role: 'programme_manager',
        locale: lang,
        password: 'the old passphrase 2025',
      })
      .expect(201);

    const context = await newContext(width);
    const page = await open(context, `${base}/?lang=${lang}`);
    await page.getByRole('link', { name: m.acctForgotLink }).click();
    await page.getByRole('heading', { name: m.acctForgotTitle }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.locator('#forgot-password-form').getByLabel(m.email).fill(email);
    await page.getByRole('button', { name: m.acctForgotSubmit }).click();
    await expect(page.locator('#forgot-password-sent').textContent()).resolves.toBe(
      m.acctForgotDone,
    );

    const mail = await mailTo(sink, email);
    const link = linkIn(mail, 'password-reset');
    expect(link.lang).toBe(lang);
    const resetPage = await open(context, local(link.url));
    await resetPage.getByRole('heading', { name: m.acctResetTitle }).waitFor();
    if (lang === 'ar') {
      await expect(resetPage.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    }
    expect(await overflow(resetPage)).toBeLessThanOrEqual(0);
    // A mismatch is caught beside the field, before anything is sent.
    await resetPage.locator('#set-password-form').getByLabel(m.acctNewPassword).fill(NEW_PASSWORD);
    await resetPage
      .locator('#set-password-form')
      .getByLabel(m.acctConfirmPassword)
      .fill(NEW_PASSWORD + 'x');
    await resetPage.getByRole('button', { name: m.acctSetPassword }).click();
    await resetPage.getByText(m.acctPasswordsDiffer).waitFor();
    await setPassword(resetPage, lang);
    await expectSignedInAs(resetPage, name);
    expect(resetPage.url()).not.toContain(link.token);
    expect(await overflow(resetPage)).toBeLessThanOrEqual(0);
    await t.http.post('/api/auth/login').send({ email, password: NEW_PASSWORD }).expect(200);

    // The same link again: refused, with a way to ask for a new one.
    const again = await open(context, local(link.url));
    await setPassword(again, lang);
    await again.getByRole('heading', { name: m.acctLinkRefusedTitle }).waitFor();
    await again.getByRole('link', { name: m.acctRequestNewLink }).waitFor();
  });

  it.each(cases)(
    'an invited focal point follows the mail to set a password and lands signed in (%s, %i px)',
    async (lang, width) => {
      const email = `invited.${lang}.${width}.${++counter}@example.org`;
      const name = lang === 'ar' ? 'يوسف العلوي' : 'Awa Koné';
      await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({
          email,
          name,
          role: 'focal_point',
          partyCode: lang === 'ar' ? 'MA' : 'CI',
          locale: lang,
        })
        .expect(201);
      const mail = await mailTo(sink, email);
      expect(mail.html).toContain(`lang="${lang}"`);
      const link = linkIn(mail, 'invitation');

      const context = await newContext(width);
      const page = await open(context, local(link.url));
      const m = MESSAGES[lang];
      await page.getByRole('heading', { name: m.acctInvitationTitle }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await setPassword(page, lang);
      await expectSignedInAs(page, name);
      await page.locator('#plan-view[aria-busy="false"]').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      // Signed in for good: a reload keeps the session (cookies, not the tab's memory).
      await page.reload();
      await expectSignedInAs(page, name);
    },
  );

  it.each(cases)(
    'a mail link opened in a new tab after signing in lands signed in, with its address kept (%s, %i px)',
    async (lang, width) => {
      const activityId = (await seededPlan(t)).activities[0].id;
      const context = await newContext(width);
      const first = await open(context, `${base}/?lang=${lang}`);
      await first.getByLabel(MESSAGES[lang].email).fill(DEMO.focalMa);
      await first.locator('#login-password').fill(DEMO_PASSWORD);
      await first.locator('#login-submit').click();
      await first.locator('#session:not([hidden])').waitFor();

      const hash = `#activity/${activityId}`;
      const second = await context.newPage();
      second.on('pageerror', (error) => pageErrors.push(error.message));
      // Records the address at the moment the page shows itself signed in (a script injected by the
      // browser driver, which the page's CSP does not govern).
      await second.addInitScript(`
        new MutationObserver((_, observer) => {
          const session = document.getElementById('session');
          if (session && !session.hidden) {
            window.__hashWhenSignedIn = location.hash;
            observer.disconnect();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['hidden'] });
      `);
      await second.goto(`${base}/?lang=${lang}${hash}`);
      await second.locator('#session:not([hidden])').waitFor();
      // Signed in with the address intact: opening the activity from it is the router's job.
      await expect(second.evaluate<string>('window.__hashWhenSignedIn')).resolves.toBe(hash);
      await expect(second.locator('#login-view').isHidden()).resolves.toBe(true);
      expect(await second.locator('#login-password').inputValue()).toBe('');
      expect(await overflow(second)).toBeLessThanOrEqual(0);
    },
  );

  it('changing my password in one tab keeps my tabs signed in and signs out another browser', async () => {
    const email = `tabs.${++counter}@example.org`;
    const oldPassword = 'the old passphrase 2025';
    await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ email, name: 'Tabs', role: 'programme_manager', locale: 'fr', password: oldPassword })
      .expect(201);
    const signIn = async (page: Page) => {
      await page.getByLabel(MESSAGES.fr.email).fill(email);
      await page.locator('#login-password').fill(oldPassword);
      await page.locator('#login-submit').click();
      await page.locator('#session:not([hidden])').waitFor();
    };
    const mine = await newContext(1366);
    const tabA = await open(mine, `${base}/?lang=fr`);
    await signIn(tabA);
    const tabB = await open(mine, `${base}/?lang=fr`);
    await tabB.locator('#session:not([hidden])').waitFor();
    const elsewhere = await open(await newContext(1366), `${base}/?lang=fr`);
    await signIn(elsewhere);

    // The page's own api() (the account screen calls it so): status and the name saved after.
    const call = (page: Page, path: string, options: object) =>
      page.evaluate<string>(
        `import('/assets/api.js').then((m) => m.api(${JSON.stringify(path)}, ${JSON.stringify(options)}))` +
          `.then(() => 'ok', (e) => 'error ' + e.status)`,
      );
    await expect(
      call(tabA, '/api/me/password', {
        method: 'PUT',
        body: { currentPassword: oldPassword, newPassword: NEW_PASSWORD },
      }),
    ).resolves.toBe('ok');
    // Tab B shares the cookies, not tab A's new CSRF token: its next change still goes through.
    await expect(
      call(tabB, '/api/me', { method: 'PATCH', body: { name: 'Tabs renamed' } }),
    ).resolves.toBe('ok');
    await expect(call(tabA, '/api/me', { method: 'GET' })).resolves.toBe('ok');
    // The other browser's session ended with the old password.
    await expect(call(elsewhere, '/api/me', { method: 'GET' })).resolves.toBe('error 401');
    await elsewhere.locator('#login-view:not([hidden])').waitFor();
  });

  it('signing out in one tab ends the session in the others', async () => {
    const context = await newContext(1366);
    const page = await open(context, `${base}/?lang=fr`);
    await page.getByLabel(MESSAGES.fr.email).fill(DEMO.pm);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#session:not([hidden])').waitFor();
    const other = await open(context, `${base}/?lang=fr`);
    await other.locator('#session:not([hidden])').waitFor();

    await page.locator('#sign-out').click();
    await page.locator('#login-view:not([hidden])').waitFor();
    await other.reload();
    await other.locator('#login-view:not([hidden])').waitFor();
    await expect(other.locator('#session').isHidden()).resolves.toBe(true);
  });
});
