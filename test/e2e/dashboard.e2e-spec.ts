import { withoutRequiredEvidence } from '../support/evidence-files';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type Language, MESSAGES } from '../../src/dashboard/i18n';
import { useBrowserApp } from '../support/browser';
import { readCsv, readXlsx } from '../support/export-files';
import { SeededPlan, seededPlan } from '../support/fixtures';
import { DEMO, DEMO_PASSWORD, TestApp } from '../support/test-app';

// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; other runs write beside the tests
// (git-ignored) so that a test run never leaves tracked files modified.
const DOCS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs')
  : join(__dirname, '..', 'artifacts');
const PLAN_TITLE = /Plan d.action bilatéral 2025–2026/;

interface Listed {
  id: string;
  partyCodes: string[];
}

/** The dashboard in a real headless Chromium against the real api on a local port. */
describe('the progress dashboard at /', () => {
  jest.setTimeout(60_000); // a browser is slower than supertest; one Chromium serves the whole suite
  let t: TestApp;
  let seeded: SeededPlan;
  const b = useBrowserApp({
    setup: async (app) => {
      t = app;
      seeded = await seededPlan(t);
      // The page walk completes activities without files; the evidence gate has its own suite.
      await withoutRequiredEvidence(t);
    },
  });

  const bearer = (email: string) => t.tokenFor(email);
  const apiGet = async (path: string, email: string = DEMO.pm) =>
    (
      await t.http
        .get(path)
        .set('Authorization', await bearer(email))
        .expect(200)
    ).body;
  const openActivities = (lead: string, onlyLead = false) =>
    seeded.activities.filter(
      (a) =>
        a.leadPartyCode === lead &&
        !['completed', 'cancelled'].includes(a.status) &&
        (!onlyLead || a.partyCodes.length === 1),
    );

  /** A page in a new context; with `user`, signed in through the API and showing the plan. */
  async function newPage(
    options: { lang?: Language; width?: number; height?: number; user?: string } = {},
  ): Promise<Page> {
    const page = await b.newPage({
      width: 1280,
      path: `/${options.lang ? `?lang=${options.lang}` : ''}#plans`,
      ...options,
    });
    if (options.user) await planShown(page);
    return page;
  }

  const planShown = async (page: Page) => {
    await page.locator('#plan-title').waitFor();
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
  };

  /** Signs in through the login form (the tests about the form itself). */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByLabel(/e-mail|email|البريد/i).fill(email);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await planShown(page);
  }

  const completionShown = async (page: Page) =>
    Number(await page.locator('#kpi-completion').getAttribute('data-value'));

  // Page-side code as a string: the project compiles without the DOM library.
  const noHorizontalScroll = (page: Page) =>
    page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
    );

  async function openInPage(page: Page, activityId: string): Promise<void> {
    // The full list (a focal point also sees their own open activities in a list above it).
    await page.locator(`#activity-list .activity[data-id="${activityId}"] .activity-open`).click();
    await page.locator('#activity-form').waitFor();
  }

  /** Clicks a button that saves a file, and answers what the browser downloaded. */
  async function downloadFrom(
    page: Page,
    button: Locator,
  ): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    await expect(download.failure()).resolves.toBeNull();
    // Read through the protocol: the run's shared Chromium is connected to, so no local path exists.
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  it('is public HTML with a restrictive CSP, in French unless ?lang says otherwise', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.text).toContain('<html lang="fr" dir="ltr">');
    expect(res.text).toContain('<label for="login-email">Adresse e-mail</label>');
    expect(res.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing from a CDN

    expect((await t.http.get('/?lang=ar').expect(200)).text).toContain(
      '<html lang="ar" dir="rtl">',
    );
    expect((await t.http.get('/?lang=en').expect(200)).text).toContain(
      '<html lang="en" dir="ltr">',
    );
    expect((await t.http.get('/?lang=de').expect(200)).text).toContain(
      '<html lang="fr" dir="ltr">',
    );
  });

  it('serves its script and style sheet from /assets, cacheable by content hash', async () => {
    const html = (await t.http.get('/').expect(200)).text;
    const script = /<script type="module" src="(\/assets\/dashboard\.js\?v=[\w-]+)"/.exec(html)![1];
    const styles = /<link rel="stylesheet" href="(\/assets\/dashboard\.css\?v=[\w-]+)"/.exec(
      html,
    )![1];

    const js = await t.http.get(script).expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    // The modules it imports are preloaded, and revalidated rather than cached for good.
    const modules = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map(
      (m) => m[1],
    );
    expect(modules).toEqual(expect.arrayContaining(['/assets/api.js', '/assets/format.js']));
    for (const url of modules) {
      const module = await t.http.get(url).expect(200);
      expect(module.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(module.headers['cache-control']).toBe('no-cache');
    }
    const css = await t.http.get(styles).expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    await t.http.get(styles.split('?')[0]).set('If-None-Match', css.headers.etag).expect(304);

    const missing = await t.http.get('/assets/nope.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.get('/assets/..%2Fdashboard-page.ts').expect(404);
    await t.http.get('/api/assets/dashboard.js').expect(404); // assets are not under /api
    await t.http.get('/api/health').expect((r) => expect([200, 503]).toContain(r.status));
  });

  it('a Moroccan focal point marks Morocco’s part of a joint activity completed with a note and sees completion rise', async () => {
    const page = await newPage({ user: DEMO.focalMa });
    await expect(page.locator('#plan-title').textContent()).resolves.toMatch(PLAN_TITLE);
    const before = await completionShown(page);
    const apiBefore = await apiGet(`/api/action-plans/${seeded.planId}/progress`, DEMO.focalMa);
    expect(before).toBe(apiBefore.completionPercent);

    const activity = openActivities('MA')[0];
    await openInPage(page, activity.id);
    const dialog = page.locator('#activity-dialog');
    await dialog.getByLabel(MESSAGES.fr.status, { exact: true }).selectOption('completed');
    await expect(page.locator('#activity-progress').inputValue()).resolves.toBe('100');
    await dialog.getByLabel(MESSAGES.fr.notes, { exact: true }).fill('Atelier tenu à Rabat');
    await page.locator('#activity-note').fill('Rapport envoyé au comité de pilotage');
    await page.locator('#activity-save').click();
    await page.locator('#activity-message .notice.success').waitFor();

    // The page's CSP forbids eval, so wait with a selector rather than waitForFunction.
    await page.locator(`#kpi-completion:not([data-value="${before}"])`).waitFor();
    const after = await completionShown(page);
    expect(after).toBeGreaterThan(before);
    const apiAfter = await apiGet(`/api/action-plans/${seeded.planId}/progress`, DEMO.focalMa);
    expect(after).toBe(apiAfter.completionPercent);
    await expect(page.locator('#kpi-completion .kpi-value').textContent()).resolves.toContain(
      String(after).replace('.', ','),
    );

    // A joint activity: the focal point's status is Morocco's part; the joint status rolls up from
    // every party's part, so it is in progress until the others have done theirs.
    const saved = await apiGet(`/api/activities/${activity.id}`);
    expect(saved.parts.length).toBeGreaterThan(1);
    expect(saved.status).toBe('in_progress');
    const parts = saved.parts as { partyCode: string; status: string }[];
    expect(parts.find((p) => p.partyCode === 'MA')).toMatchObject({
      status: 'completed',
      progressPercent: 100,
    });
    for (const other of parts.filter((p) => p.partyCode !== 'MA')) {
      expect(other.status).toBe(activity.status);
    }
    expect(saved.notes).toBe('Atelier tenu à Rabat');
    await page
      .locator('#history-list li', { hasText: 'Rapport envoyé au comité de pilotage' })
      .waitFor();
    await page.locator('#activity-dialog .dialog-header button').click();
    await page
      .locator(`#activity-list .activity[data-id="${activity.id}"][data-status="in_progress"]`)
      .waitFor();
  });

  it('a version conflict is explained, the fresh version is loaded, and saving again works', async () => {
    const page = await newPage({ user: DEMO.focalMa });
    const activity = openActivities('MA')[1];
    await openInPage(page, activity.id);
    const opened = Number(await page.locator('#activity-version').getAttribute('data-version'));
    await page.locator('#activity-progress').fill('40');

    // Behind the page's back, the programme manager saves first.
    const pm = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ version: opened, progressPercent: 35, notes: 'Mis à jour par le gestionnaire' })
      .expect(200);

    await page.locator('#activity-save').click();
    const warning = page.locator('#activity-message .notice.warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toBe(MESSAGES.fr.conflict);
    await expect(page.locator('#activity-version').getAttribute('data-version')).resolves.toBe(
      String(pm.body.version),
    );
    await expect(page.locator('#activity-progress').inputValue()).resolves.toBe('35');
    await expect(page.locator('#activity-notes').inputValue()).resolves.toBe(
      'Mis à jour par le gestionnaire',
    );

    await page.locator('#activity-progress').fill('40');
    await page.locator('#activity-save').click();
    await page.locator('#activity-message .notice.success').waitFor();
    const now = await apiGet(`/api/activities/${activity.id}`);
    // The focal point's progress is Morocco's part; the joint progress rolls up from every part.
    expect(now).toMatchObject({ version: pm.body.version + 1 });
    expect(now.parts.find((p: { partyCode: string }) => p.partyCode === 'MA')).toMatchObject({
      progressPercent: 40,
    });
  });

  it('explains that a focal point may not change another country’s activity, and a 403 too', async () => {
    const page = await newPage({ lang: 'en', user: DEMO.focalCi });
    const moroccoOnly = openActivities('MA', true)[0];
    await openInPage(page, moroccoOnly.id);
    await expect(page.locator('#activity-message .notice.info').textContent()).resolves.toBe(
      MESSAGES.en.forbidden,
    );
    await expect(page.locator('#activity-save').isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: MESSAGES.en.close }).first().click();

    // Should the server refuse anyway (a role changed meanwhile), the page says so and carries on.
    await page.route('**/api/activities/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 403,
            contentType: 'application/problem+json',
            body: JSON.stringify({ status: 403, title: 'Forbidden', detail: 'no' }),
          })
        : route.continue(),
    );
    const ciActivity = openActivities('CI')[0];
    await openInPage(page, ciActivity.id);
    await page.locator('#activity-progress').fill('65');
    await page.locator('#activity-save').click();
    await expect(page.locator('#activity-message .notice.error').textContent()).resolves.toBe(
      MESSAGES.en.forbidden,
    );
    await expect(page.locator('#activity-save').isEnabled()).resolves.toBe(true);
  });

  it('filters the activity list by status, country and overdue, as before a steering committee', async () => {
    const page = await newPage({ lang: 'en', user: DEMO.pm });
    const progress = await apiGet(`/api/action-plans/${seeded.planId}/progress`);
    const items = page.locator('#activity-list li.activity');
    await expect(items.count()).resolves.toBe(progress.total);
    expect(progress.overdue).toBeGreaterThan(0);

    await page.getByLabel(MESSAGES.en.overdueOnly).check();
    await expect(items.count()).resolves.toBe(progress.overdue);
    await expect(
      page.locator('#activity-list li.activity[data-overdue="false"]').count(),
    ).resolves.toBe(0);
    await expect(page.locator('#kpi-overdue .kpi-value').textContent()).resolves.toBe(
      String(progress.overdue),
    );
    await expect(page.locator('#overdue-list li').count()).resolves.toBe(progress.overdue);

    await page.getByLabel(MESSAGES.en.overdueOnly).uncheck();
    await page.getByLabel(MESSAGES.en.filterCountry, { exact: true }).selectOption('CI');
    const ci = await apiGet(`/api/action-plans/${seeded.planId}/activities?party=CI&pageSize=200`);
    await expect(items.count()).resolves.toBe(ci.total);

    await page.getByLabel(MESSAGES.en.filterCountry, { exact: true }).selectOption('');
    await page.getByLabel(MESSAGES.en.filterStatus, { exact: true }).selectOption('completed');
    await expect(items.count()).resolves.toBe(progress.byStatus.completed);

    await page.getByRole('button', { name: MESSAGES.en.resetFilters }).click();
    await expect(items.count()).resolves.toBe(progress.total);
    // Per-country figures: the activities Morocco leads, apart from those it takes part in.
    const maRow = page.locator('#by-country tbody tr', { hasText: 'Morocco' });
    const leads = seeded.activities.filter((a) => a.leadPartyCode === 'MA').length;
    await expect(maRow.locator('td.country-lead').getAttribute('data-total')).resolves.toBe(
      String(leads),
    );
  });

  it('speaks Arabic right to left with ?lang=ar, English with ?lang=en, and switches back to French', async () => {
    const ar = await newPage({ lang: 'ar' });
    await expect(ar.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(ar.locator('html').getAttribute('lang')).resolves.toBe('ar');
    await expect(ar.locator('#login-title').textContent()).resolves.toBe(MESSAGES.ar.signInTitle);
    await signIn(ar, DEMO.focalMa);
    await expect(ar.locator('#kpi-completion .kpi-label').textContent()).resolves.toBe(
      MESSAGES.ar.completion,
    );
    await expect(ar.locator('#status-breakdown-title').textContent()).resolves.toBe(
      MESSAGES.ar.statusBreakdown,
    );
    await expect(ar.locator('#by-country tbody').textContent()).resolves.toContain('المغرب');

    const en = await newPage({ lang: 'en' });
    await expect(en.locator('html').getAttribute('dir')).resolves.toBe('ltr');
    await expect(en.locator('#login-title').textContent()).resolves.toBe('Sign in');
    await signIn(en, DEMO.focalMa);
    await expect(en.locator('#kpi-completion .kpi-label').textContent()).resolves.toBe(
      'Completion',
    );
    await en.getByRole('link', { name: 'Français' }).click();
    await en.waitForURL(/lang=fr/);
    await en.locator('#plan-view[aria-busy="false"]').waitFor(); // still signed in
    await expect(en.locator('#kpi-completion .kpi-label').textContent()).resolves.toBe(
      MESSAGES.fr.completion,
    );
    await en.getByRole('button', { name: MESSAGES.fr.signOut }).click();
    await en.locator('#login-form').waitFor();
  });

  it('fits a 360 px phone without horizontal scrolling, in every language', async () => {
    for (const lang of ['fr', 'en', 'ar'] as const) {
      const page = await newPage({ lang, width: 360, height: 740 });
      let size = await noHorizontalScroll(page);
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
      await signIn(page, DEMO.focalMa);
      size = await noHorizontalScroll(page);
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
      if (lang === 'ar') {
        mkdirSync(DOCS, { recursive: true });
        await page.screenshot({ path: join(DOCS, 'dashboard-phone-ar.png') });
      }
      // The exports, with a feed address and its links shown, fit as well.
      await page.getByRole('button', { name: MESSAGES[lang].subscribe }).click();
      await page.locator('#calendar-feed-url').waitFor();
      await page.locator('#feed-list li.feed').first().waitFor();
      size = await noHorizontalScroll(page);
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
      await openInPage(page, openActivities('MA')[2].id);
      size = await noHorizontalScroll(page);
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    }
  });

  it('exports the overdue activities of one country to Excel and CSV, as filtered in the page', async () => {
    const plan = `/api/action-plans/${seeded.planId}`;
    const overdue: Listed[] = (await apiGet(`${plan}/activities?overdue=true&pageSize=200`)).items;
    // A country with some of the overdue activities but not all, so that both filters count.
    const perParty = new Map<string, number>();
    for (const a of overdue)
      for (const p of a.partyCodes) perParty.set(p, (perParty.get(p) ?? 0) + 1);
    const party = [...perParty].find(([, n]) => n < overdue.length)?.[0];
    expect(party).toBeDefined();
    const expected: Listed[] = (
      await apiGet(`${plan}/activities?overdue=true&party=${party}&pageSize=200`)
    ).items;
    expect(expected.length).toBeGreaterThan(0);

    const page = await newPage({ lang: 'en', user: DEMO.pm });
    await page.getByLabel(MESSAGES.en.overdueOnly).check();
    await page.getByLabel(MESSAGES.en.filterCountry, { exact: true }).selectOption(party!);
    await expect(page.locator('#activity-list li.activity').count()).resolves.toBe(expected.length);
    const exportsArea = page.locator('#exports');
    await expect(page.locator('#export-scope').textContent()).resolves.toContain(
      `: ${expected.length} of `,
    );
    await expect(exportsArea.locator('.export-filters li').allTextContents()).resolves.toEqual([
      expect.any(String), // the country's name in English
      MESSAGES.en.overdueOnly,
    ]);

    const excel = await downloadFrom(
      page,
      exportsArea.getByRole('button', { name: MESSAGES.en.downloadExcel, exact: true }),
    );
    expect(excel.name).toMatch(/^[a-z0-9-]+-activities-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { records } = await readXlsx(excel.bytes);
    expect(records.map((r) => r.id)).toEqual(expected.map((a) => a.id));
    for (const record of records) {
      expect(String(record.overdue)).toBe('true');
      expect(String(record.partyCodes).split(';')).toContain(party);
    }
    await expect(page.locator('#export-list-message .notice.success').textContent()).resolves.toBe(
      MESSAGES.en.downloaded.replace('{name}', excel.name),
    );

    const csv = await downloadFrom(
      page,
      exportsArea.getByRole('button', { name: MESSAGES.en.downloadCsv, exact: true }),
    );
    expect(csv.name).toMatch(/\.csv$/);
    expect(readCsv(csv.bytes).records.map((r) => r.id)).toEqual(expected.map((a) => a.id));
  });

  it('subscribes to the plan’s calendar with a feed address that works without sign-in, until revoked', async () => {
    const page = await newPage({ lang: 'en', user: DEMO.pm });
    await page.getByRole('button', { name: MESSAGES.en.subscribe }).click();
    const input = page.locator('#calendar-feed-url');
    await input.waitFor();
    await expect(input.getAttribute('readonly')).resolves.not.toBeNull();
    const url = await input.inputValue();
    expect(url.startsWith(`${b.base}/api/action-plans/${seeded.planId}/calendar.ics?token=`)).toBe(
      true,
    );
    await expect(page.locator('#calendar-webcal').getAttribute('href')).resolves.toBe(
      url.replace(/^http:/, 'webcal:'),
    );
    await expect(page.locator('#feed-created').textContent()).resolves.toContain(
      MESSAGES.en.feedNote,
    );

    // What a calendar app does: no Authorization header, only the address.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    const tokenId = await page.locator('#feed-created').getAttribute('data-token-id');
    const item = page.locator(`#feed-list li.feed[data-id="${tokenId}"]`);
    await expect(item.locator('.feed-label').textContent()).resolves.toMatch(PLAN_TITLE);
    await item.getByRole('button', { name: new RegExp(`^${MESSAGES.en.revoke}`) }).click();
    await expect(page.locator('#calendar-message .notice.success').textContent()).resolves.toBe(
      MESSAGES.en.revoked,
    );
    await item.waitFor({ state: 'detached' });
    await expect(page.locator('#feed-created').isHidden()).resolves.toBe(true);

    expect((await fetch(url)).status).toBe(401);
    const tokens = await apiGet('/api/feed-tokens');
    expect(tokens.items.find((x: { id: string }) => x.id === tokenId).revokedAt).not.toBeNull();
  });

  it('downloads the IATI file for the donor, and says in the page language when a file fails', async () => {
    const page = await newPage({ lang: 'ar', user: DEMO.pm });
    const iati = await downloadFrom(
      page,
      page.getByRole('button', { name: MESSAGES.ar.downloadIati, exact: true }),
    );
    expect(iati.name).toMatch(/^[a-z0-9-]+-iati-\d{4}-\d{2}-\d{2}\.xml$/);
    const xml = iati.bytes.toString('utf8');
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain('<iati-activities');

    await page.route('**/activities.xlsx*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 503, title: 'Service Unavailable' }),
      }),
    );
    await page.getByRole('button', { name: MESSAGES.ar.downloadExcel, exact: true }).click();
    await expect(page.locator('#export-list-message .notice.error').textContent()).resolves.toBe(
      MESSAGES.ar.exportFailed.replace('{status}', '503'),
    );
    await expect(page.locator('#export-xlsx').isEnabled()).resolves.toBe(true);
  });

  it('shows the programme manager the plan (screenshot for the README)', async () => {
    const page = await newPage({ width: 1280, height: 900, user: DEMO.pm });
    await expect(page.locator('#plan-title').textContent()).resolves.toMatch(PLAN_TITLE);
    await page.locator('#timeline svg .tl-row').first().waitFor();
    await expect(page.locator('#timeline svg .tl-row').count()).resolves.toBe(
      seeded.activities.length,
    );
    // From the header to the end of the timeline: the activity list below would make it too tall.
    const timeline = (await page.locator('#timeline').boundingBox())!;
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({
      path: join(DOCS, 'dashboard.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: Math.ceil(timeline.y + timeline.height + 24) },
    });
  });
});
