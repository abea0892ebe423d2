import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Language, LANGUAGE_INFO, MESSAGES } from '../../src/dashboard/i18n';
import { launchChromium, listenLocally } from '../support/browser';
import { workingHoursToday } from '../support/reminder-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, DEMO, DEMO_PASSWORD, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  partyCode: string | null;
  locale: string;
  timeZone: string;
  active: boolean;
}

// Screenshots for a person to look at, beside the tests (git-ignored).
const ARTIFACTS = join(__dirname, '..', 'artifacts');
const shoot = async (page: Page, name: string) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({
    path: join(ARTIFACTS, `admin-${name}.png`),
    fullPage: !name.endsWith('360'),
  });
};

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 780 };

/**
 * The administration, reminder-rule and account screens in a real Chromium against the real api and
 * worker (invitation mail goes through the delivery queue to a real SMTP sink), in French and Arabic,
 * on a desktop and on a 360 px phone.
 */
describe('admin, reminder-rule and account screens', () => {
  jest.setTimeout(90_000);
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const smtpPort = await sink.start();
    t = await createTestApp({
      env: {
        SMTP_URL: sink.url(smtpPort),
        REMINDER_SWEEP_EVERY_MS: '3600000',
        // The webhook screen's target; nothing is delivered to it in this suite.
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      },
    });
    t.clock.set(workingHoursToday());
    worker = await startWorker(t);
    base = await listenLocally(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await sink.stop();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    // A script error, or a console error other than the 4xx answers the tests provoke on purpose.
    expect(problems.splice(0)).toEqual([]);
  });

  const api = async (
    method: 'get' | 'post' | 'patch' | 'put',
    path: string,
    email: string = DEMO.admin,
    body?: object,
  ) =>
    (
      await t.http[method](path)
        .set('Authorization', await t.tokenFor(email))
        .send(body)
    ).body;
  const userByEmail = async (email: string): Promise<UserRow> => {
    const page = await api('get', '/api/users?pageSize=200');
    return (page.items as UserRow[]).find((u) => u.email === email)!;
  };

  async function newPage(lang: Language, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: lang });
    contexts.push(context);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Chromium logs every 4xx answer; the 400s and 401s here are the API judging bad input.
      if (
        /Failed to load resource: the server responded with a status of 40[01]/.test(message.text())
      )
        return;
      problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${base}/?lang=${lang}`);
    return page;
  }

  async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(password);
    await page.locator('#login-submit').click();
    await page.locator('.app-nav').waitFor();
  }

  async function open(page: Page, route: string, titleId: string) {
    await page.locator(`.app-nav a[data-route="${route}"]`).click();
    await page
      .locator(`#${titleId}`)
      .waitFor({ timeout: 5000 })
      .catch(async (e) => {
        throw new Error(`${(e as Error).message}\n${await page.locator('#app-view').innerText()}`);
      });
  }

  const noHorizontalOverflow = async (page: Page) => {
    const size = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
    );
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
  };

  /** The success message naming `text`: a screen re-renders after each change, so the text tells them apart. */
  const flash = (page: Page, text: string) =>
    page.locator('.adm-flash .notice.success', { hasText: text }).waitFor();

  /** The error box beside a field, once it shows. */
  const shownError = async (page: Page, formId: string, field: string) => {
    const box = fieldError(page, formId, field);
    await box.waitFor();
    return box.textContent();
  };

  const fieldError = (page: Page, formId: string, field: string) =>
    page.locator(`#${formId}-${field.replace(/[^\w-]/g, '-')}-error`);

  it('an admin invites a focal point in the page; the mail arrives in the invitee’s language and its link sets a password and signs in (fr, 1366 px; invitee in Arabic, 360 px)', async () => {
    const fr = MESSAGES.fr;
    const page = await newPage('fr', WIDE);
    await signIn(page, DEMO.admin);
    // Administration is in the admin's navigation, with reminder rules and my account.
    await expect(page.locator('.app-nav').textContent()).resolves.toContain(
      fr.admNavAdministration,
    );
    await open(page, 'admin/users', 'users-title');
    await page.locator('#user-invite-open').click();
    await page.locator('#invite-form-email').fill('awa.kone@accords.example');
    await page.locator('#invite-form-name').fill('Awa Koné');
    await page.locator('#invite-form-role').selectOption('focal_point');
    await page.locator('#invite-form-partyCode').selectOption('CI');
    await page.locator('#invite-form-locale').selectOption('ar');
    // The time zone list is searchable: typing a city picks it.
    await page.locator('#invite-form .adm-zone-filter').fill('Abidjan');
    await expect(page.locator('#invite-form-timeZone').inputValue()).resolves.toBe(
      'Africa/Abidjan',
    );
    await page.locator('#invite-form button[type="submit"]').click();
    await flash(page, 'awa.kone@accords.example');
    await expect(page.locator('.adm-flash').textContent()).resolves.toContain(
      'awa.kone@accords.example',
    );

    const invited = await userByEmail('awa.kone@accords.example');
    expect(invited).toMatchObject({
      role: 'focal_point',
      partyCode: 'CI',
      locale: 'ar',
      timeZone: 'Africa/Abidjan',
    });
    const row = page.locator(`tr[data-user-id="${invited.id}"]`);
    await expect(row.textContent()).resolves.toContain(fr.admInvitationPending);

    // The mail, in Arabic (the invitee's language), carries a single-use link to the page.
    const mail = await waitFor('the invitation mail', () =>
      sink.mails.find((m) => m.to === 'awa.kone@accords.example'),
    );
    expect(mail.html).toContain('lang="ar"');
    expect(mail.subject).toMatch(/[\u0600-\u06FF]/);
    const linkIn = (text: string) => /https?:\/\/[^\s"<>]+#invitation\/[\w-]+/.exec(text)![0];
    expect(new URL(linkIn(mail.text)).searchParams.get('lang')).toBe('ar');

    // Not received? The admin sends it again: a fresh link, in a second mail.
    await row.locator('[data-action="resend"]').click();
    await flash(page, 'awa.kone@accords.example');
    const mails = await waitFor('the second invitation mail', () => {
      const found = sink.mails.filter((m) => m.to === 'awa.kone@accords.example');
      return found.length >= 2 ? found : null;
    });
    const anchor = new URL(linkIn(mails[1].text));
    expect(anchor.hash).not.toBe(new URL(linkIn(mails[0].text)).hash);

    // A new browser (the invitee's phone) follows it, sets a password and is signed in.
    const phone = await newPage('ar', PHONE);
    await phone.goto(`${base}/${anchor.search}${anchor.hash}`);
    await phone.locator('#set-password-form-password').fill('awa-choisit-son-mot-de-passe');
    await phone.locator('#set-password-form-confirm').fill('awa-choisit-son-mot-de-passe');
    await phone.locator('#set-password-form button[type="submit"]').click();
    await phone.locator('#session-user').getByText('Awa Koné').waitFor();
    await noHorizontalOverflow(phone);
    // Accepted: the admin's list no longer says pending, and the password works for the api too.
    await t.http
      .post('/api/auth/login')
      .send({ email: 'awa.kone@accords.example', password: 'awa-choisit-son-mot-de-passe' })
      .expect(200);
    await page.reload();
    await page.locator('#users-title').waitFor();
    await expect(page.locator(`tr[data-user-id="${invited.id}"]`).textContent()).resolves.toContain(
      fr.admActive,
    );
  });

  it.each([
    ['fr', WIDE],
    ['ar', PHONE],
  ] as const)(
    'an admin changes a role and a party, is told beside the field when a focal point lacks a party, and deactivates an account that then cannot sign in (%s)',
    async (lang, viewport) => {
      const m = MESSAGES[lang];
      const suffix = `${lang}${viewport.width}`;
      const target = await api('post', '/api/users', DEMO.admin, {
        email: `observer.${suffix}@accords.example`,
        name: `Observateur ${suffix}`,
        role: 'observer',
        password: 'observer-password-2026',
      });
      const leaving = await api('post', '/api/users', DEMO.admin, {
        email: `leaving.${suffix}@accords.example`,
        name: `Départ ${suffix}`,
        role: 'programme_manager',
        password: 'leaving-password-2026',
      });
      const page = await newPage(lang, viewport);
      await signIn(page, DEMO.admin);
      await open(page, 'admin/users', 'users-title');
      await noHorizontalOverflow(page);
      await shoot(page, `users-${lang}-${viewport.width}`);
      // The invitation form fits too, time zone list included.
      await page.locator('#user-invite-open').click();
      await page.locator('#invite-form-timeZone').waitFor();
      await noHorizontalOverflow(page);
      await page.locator('#invite-form button.ghost').click();

      // A focal point without a party: the API's error beside the party field, and nothing changes.
      const row = page.locator(`tr[data-user-id="${target.id}"]`);
      await row.locator('[data-action="edit"]').click();
      const formId = `user-edit-${target.id}`;
      await page.locator(`#${formId}-role`).selectOption('focal_point');
      await page.locator(`#${formId} button[type="submit"]`).click();
      await expect(shownError(page, formId, 'partyCode')).resolves.toContain('focal point');
      await expect(page.locator(`#${formId}-partyCode`).getAttribute('aria-invalid')).resolves.toBe(
        'true',
      );
      expect(await userByEmail(target.email)).toMatchObject({ role: 'observer', partyCode: null });
      await noHorizontalOverflow(page);

      // With a party it goes through; the list shows the new role and the party by name.
      await page.locator(`#${formId}-partyCode`).selectOption('MA');
      await page.locator(`#${formId} button[type="submit"]`).click();
      await flash(page, m.admUserSaved.replace('{name}', target.name));
      expect(await userByEmail(target.email)).toMatchObject({
        role: 'focal_point',
        partyCode: 'MA',
      });
      const changed = page.locator(`tr[data-user-id="${target.id}"]`);
      await expect(changed.textContent()).resolves.toContain(m.roleNames.focal_point);
      await expect(changed.textContent()).resolves.toContain(lang === 'ar' ? 'المغرب' : 'Maroc');

      // Deactivation asks once more, then the account can no longer sign in.
      const leavingRow = page.locator(`tr[data-user-id="${leaving.id}"]`);
      await leavingRow.getByRole('button', { name: m.admDeactivate }).click();
      await leavingRow.getByRole('button', { name: m.admDeactivateConfirm }).click();
      await flash(page, m.admDeactivated.replace('{name}', leaving.name));
      await expect(
        page.locator(`tr[data-user-id="${leaving.id}"]`).textContent(),
      ).resolves.toContain(m.admInactive);
      expect(await userByEmail(leaving.email)).toMatchObject({ active: false });
      await t.http
        .post('/api/auth/login')
        .send({ email: leaving.email, password: 'leaving-password-2026' })
        .expect(401);
      await noHorizontalOverflow(page);

      // …and in the page either.
      const other = await newPage(lang, viewport);
      await other.locator('#login-email').fill(leaving.email);
      await other.locator('#login-password').fill('leaving-password-2026');
      await other.locator('#login-submit').click();
      await other.locator('#login-error', { hasText: m.loginFailed }).waitFor();
    },
  );

  it.each([
    ['fr', WIDE],
    ['ar', PHONE],
  ] as const)(
    'an admin adds and corrects a party, and adds, edits and deletes a webhook whose secret is shown once (%s)',
    async (lang, viewport) => {
      const m = MESSAGES[lang];
      const code = lang === 'fr' ? 'ORGFR' : 'ORGAR';
      const page = await newPage(lang, viewport);
      await signIn(page, DEMO.admin);
      await open(page, 'admin/users', 'users-title');
      await page.locator('.adm-tabs a[href="#admin/parties"]').click();
      await page.locator('#parties-title').waitFor();
      await noHorizontalOverflow(page);
      await shoot(page, `parties-${lang}-${viewport.width}`);
      await page.locator('#party-create-open').click();
      // A state is known by its ISO code: the API says so beside the code, and nothing is created.
      await page.locator('#party-create-form-code').fill('ABC');
      await page.locator('#party-create-form-name').fill(`Office ${code}`);
      await page.locator('#party-create-form-type').selectOption('state');
      await page.locator('#party-create-form button[type="submit"]').click();
      await expect(shownError(page, 'party-create-form', 'code')).resolves.toContain('ISO');
      const before = (await api('get', '/api/parties?pageSize=200')).items as { code: string }[];
      expect(before.map((p) => p.code)).not.toContain('ABC');

      // An organisation, with its short name in the page's language, shown instead of its code.
      const short = `${code} court`;
      await page.locator('#party-create-form-code').fill(code.toLowerCase());
      await page.locator('#party-create-form-type').selectOption('organisation');
      await page.locator(`#party-create-form-names-${lang}`).fill(short);
      await page.locator('#party-create-form button[type="submit"]').click();
      await flash(page, `(${code})`);
      const row = page.locator(`tr[data-party-code="${code}"]`);
      await expect(row.textContent()).resolves.toContain(short);

      // Corrected: a new full name, the short name cleared in this language, another one added.
      const other = lang === 'fr' ? 'en' : 'fr';
      await row.locator('[data-action="edit"]').click();
      await page.locator(`#party-edit-${code}-name`).fill(`Office corrigé ${code}`);
      await page.locator(`#party-edit-${code}-names-${lang}`).fill('');
      await page.locator(`#party-edit-${code}-names-${other}`).fill(`${code} ${other}`);
      await page.locator(`#party-edit-${code} button[type="submit"]`).click();
      await flash(page, m.admPartySaved.replace('{code}', code));
      const parties = (await api('get', '/api/parties?pageSize=200')).items as {
        code: string;
        name: string;
        names: Record<string, string>;
      }[];
      const saved = parties.find((p) => p.code === code)!;
      expect(saved.name).toBe(`Office corrigé ${code}`);
      expect(saved.names).toEqual({ [other]: `${code} ${other}` });
      // Without a short name in the page's language, the full name is shown.
      await expect(page.locator(`tr[data-party-code="${code}"]`).textContent()).resolves.toContain(
        `Office corrigé ${code}`,
      );

      await page.locator('.adm-tabs a[href="#admin/webhooks"]').click();
      await page.locator('#webhooks-title').waitFor();
      await page.locator('#webhook-create-open').click();
      await page.locator('#webhook-create-form-url').fill(`http://127.0.0.1:9/${lang}`);
      await page.locator('#webhook-create-form-events-notice_deadline').check();
      await page.locator('#webhook-create-form button[type="submit"]').click();
      const secret = await page.locator('#webhook-secret').inputValue();
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      await noHorizontalOverflow(page);
      await shoot(page, `webhooks-${lang}-${viewport.width}`);
      const hooks = (await api('get', '/api/webhooks')).items as {
        id: string;
        url: string;
        events: string[];
      }[];
      const hook = hooks.find((h) => h.url === `http://127.0.0.1:9/${lang}`)!;
      expect(hook.events.sort()).toEqual(['activity_due', 'activity_overdue', 'notice_deadline']);
      const hookRow = page.locator(`tr[data-webhook-id="${hook.id}"]`);
      await expect(hookRow.textContent()).resolves.toContain(m.admRuleKinds.notice_deadline);
      await expect(hookRow.textContent()).resolves.toContain(m.admDeliveriesNone);

      // Its deliveries, as the worker records them: the latest failed, with the receiver's answer.
      await t.dataSource.query(
        `INSERT INTO notifications (subject_type, subject_id, rule, rule_kind, due_on, recipient_type,
           recipient_id, recipient_address, channel, status, attempts, last_error, not_before, created_at, sent_at)
         VALUES ('activity', gen_random_uuid(), 'activity_due:7', 'activity_due', CURRENT_DATE, 'webhook',
           $1, $2, 'webhook', 'sent', 1, NULL, now(), now() - interval '2 days', now() - interval '2 days'),
                ('activity', gen_random_uuid(), 'activity_due:1', 'activity_due', CURRENT_DATE, 'webhook',
           $1, $2, 'webhook', 'failed', 3, 'HTTP 503 from the receiver', now(), now() - interval '1 hour', NULL)`,
        [hook.id, hook.url],
      );

      // Edited: the secret is not shown again; the deliveries are.
      await hookRow.locator('[data-action="edit"]').click();
      await page.locator(`#webhook-edit-${hook.id}-events-activity_overdue`).uncheck();
      await page.locator(`#webhook-edit-${hook.id} button[type="submit"]`).click();
      await flash(page, m.admWebhookSaved);
      await expect(page.locator('#webhook-secret').count()).resolves.toBe(0);
      expect(await page.content()).not.toContain(secret);
      const edited = (
        (await api('get', '/api/webhooks')).items as { id: string; events: string[] }[]
      ).find((h) => h.id === hook.id)!;
      expect(edited.events.sort()).toEqual(['activity_due', 'notice_deadline']);
      const deliveries = page.locator(`tr[data-webhook-id="${hook.id}"] .adm-deliveries`);
      await expect(deliveries.textContent()).resolves.toContain(m.admDeliveryStatus.failed);
      await expect(deliveries.textContent()).resolves.toContain('HTTP 503 from the receiver');

      await page
        .locator(`tr[data-webhook-id="${hook.id}"]`)
        .getByRole('button', { name: m.admDelete })
        .click();
      await page
        .locator(`tr[data-webhook-id="${hook.id}"]`)
        .getByRole('button', { name: m.admDeleteConfirm })
        .click();
      await flash(page, m.admWebhookDeleted);
      await expect(page.locator(`tr[data-webhook-id="${hook.id}"]`).count()).resolves.toBe(0);
      expect(
        ((await api('get', '/api/webhooks')).items as { id: string }[]).map((h) => h.id),
      ).not.toContain(hook.id);
    },
  );

  it.each([
    ['fr', WIDE],
    ['ar', PHONE],
  ] as const)(
    'a programme manager edits the reminder rules and sees the API’s error beside an out-of-range lead time (%s)',
    async (lang, viewport) => {
      const m = MESSAGES[lang];
      const page = await newPage(lang, viewport);
      await signIn(page, DEMO.pm);
      // Reminder rules for managers; no administration.
      await expect(page.locator('.app-nav a[data-route="admin/users"]').count()).resolves.toBe(0);
      await open(page, 'reminder-rules', 'rules-title');
      await noHorizontalOverflow(page);
      const form = 'reminder-rules-form';
      const lead = lang === 'fr' ? '14, 3, 0' : '21،5،0';
      await page.locator(`#${form}-activityDue-daysBefore`).fill(lead);
      await page.locator(`#${form}-activityOverdue-everyDays`).fill('5');
      await page.locator(`#${form}-escalation-afterDaysOverdue`).fill('20');
      await page
        .locator(`#${form}-stagnation-daysBeforeMeeting`)
        .fill(lang === 'fr' ? '10, 28' : '28،10');
      await page.locator(`#${form}-stagnation-silentAfterDays`).fill('45');
      await page.locator(`#${form} button[type="submit"]`).click();
      await page.locator(`#${form} .notice.success`).waitFor();
      const expectedDue = lang === 'fr' ? [14, 3, 0] : [21, 5, 0];
      const saved = await api('get', '/api/reminder-rules', DEMO.pm);
      expect(saved).toMatchObject({
        activityDue: { daysBefore: expectedDue },
        activityOverdue: { everyDays: 5 },
        escalation: { afterDaysOverdue: 20 },
        stagnation: { daysBeforeMeeting: [28, 10], silentAfterDays: 45 },
      });
      await expect(page.locator('.adm-rules-summary').textContent()).resolves.toContain(
        m.admRulesSameDay,
      );

      await shoot(page, `rules-${lang}-${viewport.width}`);
      // 4000 days is beyond what the API accepts: its error beside that field, and nothing changes.
      await page.locator(`#${form}-agreementExpiry-daysBefore`).fill('4000, 90');
      await page.locator(`#${form}-activityOverdue-everyDays`).fill('9');
      await page.locator(`#${form} button[type="submit"]`).click();
      // The API names the rule (`code: max`) and its number; the page says it in its own language.
      const max = new Intl.NumberFormat(LANGUAGE_INFO[lang].locale).format(3650);
      await expect(shownError(page, form, 'agreementExpiry.daysBefore')).resolves.toBe(
        m.fieldErrors.max.replace('{n}', max),
      );
      await expect(fieldError(page, form, 'activityOverdue.everyDays').isHidden()).resolves.toBe(
        true,
      );
      expect(await api('get', '/api/reminder-rules', DEMO.pm)).toEqual(saved);
      await noHorizontalOverflow(page);
    },
  );

  it.each([
    ['fr', WIDE, DEMO.focalMa],
    ['ar', PHONE, DEMO.focalCi],
  ] as const)(
    'a user changes their language and time zone, is told beside the field that the current password is wrong, turns a reminder kind off and changes their password (%s)',
    async (lang, viewport, email) => {
      const m = MESSAGES[lang];
      const page = await newPage(lang, viewport);
      await signIn(page, email);
      await open(page, 'account', 'account-title');
      await noHorizontalOverflow(page);

      // Profile: another language and time zone; the page offers to reload in the new language.
      const newLang = lang === 'fr' ? 'en' : 'fr';
      await page.locator('#profile-form-locale').selectOption(newLang);
      await page.locator('#profile-form .adm-zone-filter').fill('Dakar');
      await expect(page.locator('#profile-form-timeZone').inputValue()).resolves.toBe(
        'Africa/Dakar',
      );
      await page.locator('#profile-form button[type="submit"]').click();
      await page.locator('#profile-form .notice.success').waitFor();
      expect(await api('get', '/api/me', email)).toMatchObject({
        locale: newLang,
        timeZone: 'Africa/Dakar',
      });
      await expect(page.locator('#account-reload').getAttribute('href')).resolves.toBe(
        `/?lang=${newLang}#account`,
      );

      // Notification preferences: overdue reminders off, by e-mail; kept by the API.
      const overdue = page.locator('#preferences-form-prefs-activity_overdue-email');
      await expect(page.locator('#account-preferences').textContent()).resolves.toContain(
        m.admRuleKinds.activity_overdue,
      );
      await expect(overdue.isChecked()).resolves.toBe(true);
      await overdue.uncheck();
      await page.locator('#preferences-form button[type="submit"]').click();
      await page.locator('#preferences-form .notice.success').waitFor();
      const preferences = (await api('get', '/api/me/notification-preferences', email)) as {
        ruleKind: string;
        channel: string;
        enabled: boolean;
      }[];
      expect(
        preferences.find((p) => p.ruleKind === 'activity_overdue' && p.channel === 'email'),
      ).toMatchObject({ enabled: false });
      expect(
        preferences.find((p) => p.ruleKind === 'activity_due' && p.channel === 'email'),
      ).toMatchObject({ enabled: true });

      // Password: the wrong current one is refused beside its field; the confirmation must match.
      await page.locator('#password-form-currentPassword').fill('not-my-password-at-all');
      await page.locator('#password-form-newPassword').fill('un-nouveau-mot-de-passe-2026');
      await page.locator('#password-form-confirmPassword').fill('un-nouveau-mot-de-passe-2026');
      await page.locator('#password-form button[type="submit"]').click();
      await fieldError(page, 'password-form', 'currentPassword').waitFor();
      await expect(
        page.locator('#password-form-currentPassword').getAttribute('aria-invalid'),
      ).resolves.toBe('true');
      await page.locator('#password-form-currentPassword').fill(DEMO_PASSWORD);
      await page.locator('#password-form-confirmPassword').fill('something-else-entirely');
      await page.locator('#password-form button[type="submit"]').click();
      await expect(shownError(page, 'password-form', 'confirmPassword')).resolves.toBe(
        m.admPasswordMismatch,
      );
      await page.locator('#password-form-confirmPassword').fill('un-nouveau-mot-de-passe-2026');
      await page.locator('#password-form button[type="submit"]').click();
      await page.locator('#password-form .notice.success').waitFor();
      await shoot(page, `account-${lang}-${viewport.width}`);
      await t.http
        .post('/api/auth/login')
        .send({ email, password: 'un-nouveau-mot-de-passe-2026' })
        .expect(200);
      await noHorizontalOverflow(page);

      // The page stays signed in after its own password change, and the offered reload opens my
      // account in the language just chosen.
      await page.locator('#account-reload').click();
      await page.waitForURL(`${base}/?lang=${newLang}#account`);
      await page
        .locator('#account-title', { hasText: MESSAGES[newLang].admAccountTitle })
        .waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(newLang);
      await expect(page.locator('#profile-form-timeZone').inputValue()).resolves.toBe(
        'Africa/Dakar',
      );
    },
  );
});
