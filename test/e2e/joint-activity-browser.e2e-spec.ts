import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Language, MESSAGES } from '../../src/dashboard/i18n';
import { launchChromium, listenLocally } from '../support/browser';
import { SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, DEMO_PASSWORD, TestApp } from '../support/test-app';

interface Part {
  partyCode: string;
  status: string;
  progressPercent: number;
  note: string | null;
  completedOn: string | null;
  version: number;
}
interface ActivityView {
  id: string;
  status: string;
  progressPercent: number;
  version: number;
  notes: string | null;
  parts: Part[];
}

/**
 * A joint activity walked end to end in a real headless Chromium against the real api: each country's
 * focal point reports its own part from the page (on a 360 px phone, French then Arabic), the joint
 * status rolls up, another country's part is read-only, and a stale part is explained and reloaded.
 */
describe('a joint activity, each country reporting its part in the page', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let seeded: SeededPlan;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    base = await listenLocally(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    // An uncaught exception or an unexpected console error in the page fails the test that caused it.
    expect(problems.splice(0)).toEqual([]);
  });

  const bearer = (email: string) => t.tokenFor(email);
  const read = async (id: string, email: string = DEMO.pm) =>
    (
      await t.http
        .get(`/api/activities/${id}`)
        .set('Authorization', await bearer(email))
        .expect(200)
    ).body as ActivityView;
  const partOf = (activity: ActivityView, code: string) =>
    activity.parts.find((p) => p.partyCode === code)!;

  /** A fresh Morocco-led workshop with Côte d'Ivoire, created by the programme manager. */
  async function jointWorkshop(title: string): Promise<ActivityView> {
    const res = await t.http
      .post(`/api/action-plans/${seeded.planId}/activities`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({
        title,
        type: 'workshop',
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-11-30',
      })
      .expect(201);
    return res.body as ActivityView;
  }

  /** A phone-sized page, signed in, on the activity's address (its dialog opens over its plan). */
  async function openAs(email: string, lang: Language, activityId: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 1,
    });
    contexts.push(context);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Refused requests are logged by Chromium as "Failed to load resource"; the walk provokes 400,
      // 401 (signed out at first) and 409 on purpose.
      if (message.type() !== 'error') return;
      if (/status of (400|401|409)/.test(message.text())) return;
      problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${base}/?lang=${lang}#activity/${activityId}`);
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#activity-parts').waitFor();
    return page;
  }

  // Page-side code as strings: the project compiles without the DOM library.
  async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
    const size = await page.evaluate<{ scrollWidth: number; innerWidth: number; dialog: number }>(
      `({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
          dialog: (() => { const d = document.querySelector('#activity-dialog .dialog-body');
                           return d.scrollWidth - d.clientWidth; })() })`,
    );
    expect({ where, ...size }).toEqual({
      where,
      scrollWidth: size.innerWidth,
      innerWidth: size.innerWidth,
      dialog: 0,
    });
  }

  /** Chooses a part's status and saves it, then waits for the part's own success message. */
  async function savePart(
    page: Page,
    code: string,
    fields: { status?: string; progress?: string; note?: string; reason?: string },
  ): Promise<void> {
    const form = `#part-form-${code}`;
    if (fields.status) await page.locator(`${form}-status`).selectOption(fields.status);
    if (fields.progress) await page.locator(`${form}-progressPercent`).fill(fields.progress);
    if (fields.note) await page.locator(`${form}-note`).fill(fields.note);
    if (fields.reason) await page.locator(`${form}-reason`).fill(fields.reason);
    await page.locator(`${form} button[type=submit]`).click();
  }

  /** With REVIEW_SCREENSHOTS=1, the dialog as a person sees it (git-ignored artifacts). */
  async function review(page: Page, name: string): Promise<void> {
    if (!process.env.REVIEW_SCREENSHOTS) return;
    const dir = join(__dirname, '..', 'artifacts', 'screenshots');
    mkdirSync(dir, { recursive: true });
    await page.locator('#activity-parts').screenshot({ path: join(dir, name) });
  }

  const jointShown = (page: Page) => page.locator('#parts-joint').getAttribute('data-status');
  const myOpenIds = (page: Page) =>
    page
      .locator('#my-activities-list > li.activity')
      .evaluateAll((nodes) =>
        nodes.map((n) => (n as unknown as { dataset: { id: string } }).dataset.id),
      );

  describe('the workshop of both countries', () => {
    let workshop: ActivityView;

    beforeAll(async () => {
      workshop = await jointWorkshop('Atelier conjoint sur la traite des personnes');
    });

    it('focal.ma sees both parts and the rule, completes Morocco’s part: the joint status is in progress', async () => {
      const m = MESSAGES.fr;
      const page = await openAs(DEMO.focalMa, 'fr', workshop.id);
      await expect(page.locator('#parts-rule').textContent()).resolves.toBe(m.partsRule);
      await expect(
        page
          .locator('#parts-list > li.part')
          .evaluateAll((nodes) =>
            nodes.map((n) => (n as unknown as { dataset: { party: string } }).dataset.party),
          ),
      ).resolves.toEqual(['MA', 'CI']);
      // Morocco's part is theirs to change; Côte d'Ivoire's is shown, with no control at all.
      await expect(page.locator('#part-MA').getAttribute('data-editable')).resolves.toBe('true');
      await expect(page.locator('#part-form-MA').count()).resolves.toBe(1);
      await expect(page.locator('#part-CI').getAttribute('data-editable')).resolves.toBe('false');
      await expect(
        page.locator('#part-CI').locator('form, select, textarea, input, button').count(),
      ).resolves.toBe(0);
      await expect(page.locator('#part-CI .part-read-only').textContent()).resolves.toBe(
        m.partsReadOnly.replace(
          '{party}',
          (await page.locator('#part-CI .part-party').textContent())!,
        ),
      );
      // The activity is in Morocco's open list while Morocco's part is open.
      expect(await myOpenIds(page)).toContain(workshop.id);
      await expectNoHorizontalScroll(page, 'parts panel, fr, 360 px');
      await review(page, 'parts-fr-360.png');

      await savePart(page, 'MA', {
        status: 'completed',
        note: 'Atelier tenu à Rabat, 24 participants',
        reason: 'Compte rendu transmis',
      });
      await page.locator('#part-message-MA .notice.success').waitFor();
      await expect(jointShown(page)).resolves.toBe('in_progress');
      await expect(page.locator('#parts-joint-status').textContent()).resolves.toBe(
        m.statusNames.in_progress,
      );
      await expect(page.locator('#part-MA').getAttribute('data-status')).resolves.toBe('completed');
      await expect(page.locator('#part-MA .part-note dd').textContent()).resolves.toBe(
        'Atelier tenu à Rabat, 24 participants',
      );

      const after = await read(workshop.id);
      expect(after).toMatchObject({ status: 'in_progress', progressPercent: 50 });
      expect(partOf(after, 'MA')).toMatchObject({
        status: 'completed',
        progressPercent: 100,
        note: 'Atelier tenu à Rabat, 24 participants',
        version: 2,
      });
      expect(partOf(after, 'CI')).toMatchObject({ status: 'planned', version: 1 });
      // The dialog now holds the activity's new version: a joint save right after is not stale.
      await expect(page.locator('#activity-version').getAttribute('data-version')).resolves.toBe(
        String(after.version),
      );
      await page.locator('#activity-notes').fill('Suite : atelier ivoirien à Abidjan');
      await page.locator('#activity-save').click();
      await page.locator('#activity-message .notice.success').waitFor();
      expect((await read(workshop.id)).notes).toBe('Suite : atelier ivoirien à Abidjan');

      // Morocco's part is done: the activity leaves Morocco's open list though Côte d'Ivoire's is open.
      await page.locator('#activity-dialog .dialog-header button').click();
      await page
        .locator(`#my-activities-list .activity[data-id="${workshop.id}"]`)
        .waitFor({ state: 'detached' });
    });

    it('focal.ci (Arabic, right to left) reads Morocco’s part, cannot change it, and completes its own: completed', async () => {
      const m = MESSAGES.ar;
      const page = await openAs(DEMO.focalCi, 'ar', workshop.id);
      await expect(page.evaluate<string>('document.documentElement.dir')).resolves.toBe('rtl');
      await expect(
        page.evaluate<string>("getComputedStyle(document.querySelector('#part-CI')).direction"),
      ).resolves.toBe('rtl');
      await expect(page.locator('#parts-rule').textContent()).resolves.toBe(m.partsRule);
      await expect(page.locator('#part-MA').getAttribute('data-status')).resolves.toBe('completed');
      await expect(
        page.locator('#part-MA').locator('form, select, textarea, input, button').count(),
      ).resolves.toBe(0);
      await expectNoHorizontalScroll(page, 'parts panel, ar, 360 px');
      await review(page, 'parts-ar-360.png');

      // The API refuses focal.ci's change of Morocco's part, whatever the page shows.
      const ma = partOf(await read(workshop.id), 'MA');
      const refused = await t.http
        .patch(`/api/activities/${workshop.id}/parts/MA`)
        .set('Authorization', await bearer(DEMO.focalCi))
        .send({ version: ma.version, status: 'planned' })
        .expect(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(partOf(await read(workshop.id), 'MA')).toMatchObject({
        status: 'completed',
        version: ma.version,
      });

      expect(await myOpenIds(page)).toContain(workshop.id);
      await savePart(page, 'CI', { status: 'completed', note: 'Délégation ivoirienne formée' });
      await page.locator('#part-message-CI .notice.success').waitFor();
      await expect(jointShown(page)).resolves.toBe('completed');
      await expect(page.locator('#parts-joint-status').textContent()).resolves.toBe(
        m.statusNames.completed,
      );
      const after = await read(workshop.id);
      expect(after).toMatchObject({ status: 'completed', progressPercent: 100 });
      expect(partOf(after, 'CI')).toMatchObject({ status: 'completed', progressPercent: 100 });
      await page.locator('#activity-dialog .dialog-header button').click();
      await page
        .locator(`#my-activities-list .activity[data-id="${workshop.id}"]`)
        .waitFor({ state: 'detached' });
    });

    it('an observer reads every part without a single control', async () => {
      const page = await openAs(DEMO.observer, 'en', workshop.id);
      await expect(page.locator('#parts-joint').getAttribute('data-status')).resolves.toBe(
        'completed',
      );
      await expect(page.locator('#parts-list > li.part').count()).resolves.toBe(2);
      await expect(
        page.locator('#parts-list').locator('form, select, textarea, input, button').count(),
      ).resolves.toBe(0);
    });
  });

  it('a stale part is explained and reloaded; a refused value is shown beside its field', async () => {
    const m = MESSAGES.fr;
    const activity = await jointWorkshop('Atelier conjoint de suivi');
    const page = await openAs(DEMO.focalMa, 'fr', activity.id);
    await page.locator('#part-form-MA').waitFor();

    // Behind the page's back, the programme manager changes Morocco's part first.
    await t.http
      .patch(`/api/activities/${activity.id}/parts/MA`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ version: 1, status: 'in_progress', progressPercent: 30 })
      .expect(200);
    await savePart(page, 'MA', { status: 'in_progress', progress: '40' });
    const warning = page.locator('#part-message-MA .notice.warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toBe(
      m.partsConflict.replace(
        '{party}',
        (await page.locator('#part-MA .part-party').textContent())!,
      ),
    );
    expect(partOf(await read(activity.id), 'MA')).toMatchObject({
      progressPercent: 30,
      version: 2,
    });
    await page.locator('#part-reload-MA').click();
    await page.locator('#part-MA[data-version="2"]').waitFor();
    await expect(page.locator('#part-form-MA-progressPercent').inputValue()).resolves.toBe('30');
    await savePart(page, 'MA', { progress: '40' });
    await page.locator('#part-message-MA .notice.success').waitFor();
    expect(partOf(await read(activity.id), 'MA')).toMatchObject({
      progressPercent: 40,
      version: 3,
    });

    // A cancelled part keeps the progress it stopped at: the API's refusal lands beside the field.
    await savePart(page, 'MA', { status: 'cancelled' });
    await page.locator('#part-MA[data-status="cancelled"]').waitFor();
    await savePart(page, 'MA', { progress: '60' });
    const error = page.locator('#part-form-MA-progressPercent-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('40');
    await review(page, 'parts-field-error.png');
    await expect(
      page.locator('#part-form-MA-progressPercent').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    expect(partOf(await read(activity.id), 'MA')).toMatchObject({
      status: 'cancelled',
      progressPercent: 40,
    });
  });
});
