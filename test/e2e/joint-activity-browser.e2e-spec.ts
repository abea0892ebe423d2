import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Language, MESSAGES } from '../../src/dashboard/i18n';
import { launchChromium, listenLocally } from '../support/browser';
import { pdfFile, pngFile } from '../support/evidence-files';
import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
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
    // What sticks out of the dialog's body from the parts panel, named, so that a failure says where to look.
    const size = await page.evaluate<{ scrollWidth: number; innerWidth: number; wider: string[] }>(
      `(() => {
        const body = document.querySelector('#activity-dialog .dialog-body');
        const box = body.getBoundingClientRect();
        const wider = [...document.querySelectorAll('#activity-parts, #activity-parts *')]
          .filter((el) => { const r = el.getBoundingClientRect();
                            return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1); })
          .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className);
        return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
                 wider: wider.slice(0, 5) };
      })()`,
    );
    expect({ where, ...size }).toEqual({
      where,
      scrollWidth: size.innerWidth,
      innerWidth: size.innerWidth,
      wider: [],
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

  /**
   * Uploads a real file into a part's evidence panel through the page (kind, file, upload) and waits
   * until its checklist ticks that kind.
   */
  async function uploadInPart(
    page: Page,
    code: string,
    kind: string,
    file: { name: string; mimeType: string; buffer: Buffer },
  ): Promise<void> {
    const form = page.locator(`#part-${code} .part-evidence form.evidence-upload`);
    await form.locator('select[name="kind"]').selectOption(kind);
    await form.locator('input[type="file"]').setInputFiles(file);
    await form.locator('button[type="submit"]').click();
    await page
      .locator(`#part-${code} .evidence-checklist li.present[data-kind="${kind}"]`)
      .waitFor();
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

      // A workshop needs its agenda and attendance list before a part is completed: the page says so
      // beside the status, in French, and nothing changes.
      await expect(
        page
          .locator('#part-MA .evidence-checklist li.missing')
          .evaluateAll((nodes) =>
            nodes.map((n) => (n as unknown as { dataset: { kind: string } }).dataset.kind),
          ),
      ).resolves.toEqual(['agenda', 'attendance_list']);
      await savePart(page, 'MA', { status: 'completed' });
      const gate = page.locator('#part-form-MA-status-error');
      await gate.waitFor();
      await expect(gate.textContent()).resolves.toBe(
        m.partsEvidenceMissing.replace(
          '{kinds}',
          [m.evKinds.agenda, m.evKinds.attendance_list].join(m.listSeparator),
        ),
      );
      expect(partOf(await read(workshop.id), 'MA')).toMatchObject({
        status: 'planned',
        version: 1,
      });

      // The agenda (a PDF) and the attendance list (a PNG scan), uploaded through the page.
      await uploadInPart(page, 'MA', 'agenda', {
        name: 'ordre-du-jour.pdf',
        mimeType: 'application/pdf',
        buffer: pdfFile('Ordre du jour, atelier de Rabat'),
      });
      await uploadInPart(page, 'MA', 'attendance_list', {
        name: 'liste de présence.png',
        mimeType: 'image/png',
        buffer: pngFile(),
      });
      await expect(page.locator('#part-MA .evidence-files li.evidence-file').count()).resolves.toBe(
        2,
      );

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
      // Morocco's files are listed in Morocco's part, with no upload form there for focal.ci.
      await expect(page.locator('#part-MA .evidence-file').count()).resolves.toBe(2);
      await expect(page.locator('#part-MA .evidence-upload').count()).resolves.toBe(0);
      await uploadInPart(page, 'CI', 'agenda', {
        name: 'programme-abidjan.pdf',
        mimeType: 'application/pdf',
        buffer: pdfFile('Programme de la délégation ivoirienne'),
      });
      await uploadInPart(page, 'CI', 'attendance_list', {
        name: 'presence.pdf',
        mimeType: 'application/pdf',
        buffer: pdfFile('Liste de présence'),
      });
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

    it('a file of the workshop is not found (404) for someone who cannot read its plan', async () => {
      const evidence = (
        await t.http
          .get(`/api/activities/${workshop.id}/evidence`)
          .set('Authorization', await bearer(DEMO.focalCi))
          .expect(200)
      ).body as { items: { id: string; partyCode: string | null; kind: string }[] };
      expect(evidence.items.map((i) => `${i.partyCode}:${i.kind}`).sort()).toEqual([
        'CI:agenda',
        'CI:attendance_list',
        'MA:agenda',
        'MA:attendance_list',
      ]);
      const file = evidence.items.find((i) => i.partyCode === 'MA' && i.kind === 'agenda')!;
      const content = `/api/activities/${workshop.id}/evidence/${file.id}/content`;
      // Readable by the plan's readers (focal.ci reads Morocco's agenda)…
      await t.http
        .get(content)
        .set('Authorization', await bearer(DEMO.focalCi))
        .expect(200);

      // …and not by an observer granted only another agreement (Egypt–Tunisia).
      const egTn = await createEgyptTunisiaAgreement(t);
      await t.http
        .post('/api/users')
        .set('Authorization', await bearer(DEMO.admin))
        .send({
          email: 'observer.eg-tn@accords.example',
          name: 'Observateur Égypte–Tunisie',
          role: 'observer',
          password: 'observer-password-123',
          observedAgreementIds: [egTn.agreementId],
        })
        .expect(201);
      const outsider = await t.tokenFor('observer.eg-tn@accords.example', 'observer-password-123');
      const refused = await t.http.get(content).set('Authorization', outsider).expect(404);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['content-disposition']).toBeUndefined();
      await t.http
        .get(`/api/activities/${workshop.id}/evidence`)
        .set('Authorization', outsider)
        .expect(404);
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
