import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type Language, MESSAGES } from '../../src/dashboard/i18n';
import { BROWSER_LOCALES, useBrowserApp } from '../support/browser';
import { DEMO, TestApp } from '../support/test-app';

// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; other runs write beside the tests
// (git-ignored) so that a test run never leaves tracked files modified.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'screenshots')
  : join(__dirname, '..', 'artifacts', 'screenshots');

interface Item {
  id: string;
  title: string;
  status: string;
  version: number;
  previousPlanId?: string | null;
}

/**
 * The planning screens in a real headless Chromium against the real api: a programme manager runs the
 * programme from the page (agreement, plan, activities, import, renewal, edit, cancel, delete), in
 * French and Arabic, on a desktop and on a 360 px phone.
 */
describe('planning screens for programme managers', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  // One programme manager walks four whole programmes (two languages, two widths) within a minute or
  // two, several times a person's pace: the per-user API limit is raised so that it does not answer 429
  // (rate-limit.e2e-spec.ts tests the limit itself).
  const b = useBrowserApp({
    app: { env: { RATE_LIMIT_PER_TOKEN: '5000' } },
    setup: async (app) => {
      t = app;
    },
    // Chromium logs every refused request as "Failed to load resource"; the walk sends bad values and
    // stale deletes on purpose (400, 409), and a signed-out page asks whether a session cookie is
    // there (401), so those are expected. Any other console error fails the test, as a page error does.
    allowedConsoleErrors:
      /Failed to load resource: the server responded with a status of (400|401|409)/,
  });

  const apiGet = async <T>(path: string): Promise<T> =>
    (
      await t.http
        .get(path)
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .expect(200)
    ).body as T;
  const listOf = async <T = Item>(path: string): Promise<T[]> =>
    (await apiGet<{ items: T[] }>(`${path}${path.includes('?') ? '&' : '?'}pageSize=200`)).items;

  /** A page signed in as `email` (through the API; the login form has its own tests), the plan shown. */
  async function newPage(lang: Language, width: number, email: string): Promise<Page> {
    const page = await b.newPage({
      lang,
      width,
      user: email,
      locale: BROWSER_LOCALES[lang],
      path: `/?lang=${lang}#plans`,
    });
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
    return page;
  }

  const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

  // Page-side code as a string: the project compiles without the DOM library.
  async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
    const size = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })',
    );
    expect({ where, fits: size.scrollWidth <= size.innerWidth, ...size }).toEqual({
      where,
      fits: true,
      ...size,
    });
  }

  /** The Save button of a long form is within the viewport (sticky actions) on any screen size. */
  async function expectSubmitInView(page: Page, formId: string): Promise<void> {
    const visible = await page.evaluate<boolean>(
      `(() => { const b = document.querySelector('#${formId} .form-actions button[type=submit]');
        const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()`,
    );
    expect({ formId, submitInView: visible }).toEqual({ formId, submitInView: true });
  }

  /** The whole page in one viewport, so that sticky form actions sit at the bottom, not mid-page. */
  async function screenshotWhole(page: Page, name: string): Promise<void> {
    const viewport = page.viewportSize()!;
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    const height = await page.evaluate<number>('document.scrollingElement.scrollHeight');
    await page.setViewportSize({ width: viewport.width, height });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, name) });
    await page.setViewportSize(viewport);
  }

  const field = (page: Page, form: string, name: string) =>
    page.locator(`#${form}-${name.replace(/[^\w-]/g, '-')}`);
  const fieldError = (page: Page, form: string, name: string) =>
    page.locator(`#${form}-${name.replace(/[^\w-]/g, '-')}-error`);

  const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');

  // First, while the seeded plan is the only one (the walks below add theirs).
  it('shows the plan with its planning actions (screenshot for the README)', async () => {
    const page = await newPage('fr', 1366, DEMO.pm);
    await page.locator('#plan-actions').waitFor();
    for (const id of [
      'pl-action-edit',
      'pl-action-new-activity',
      'pl-action-import',
      'pl-action-renew',
    ])
      await expect(page.locator(`#${id}`).isVisible()).resolves.toBe(true);
    const actions = (await page.locator('#plan-actions').boundingBox())!;
    await page.mouse.move(0, 0); // no hover on the buttons
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, 'planning-plan-actions.png'),
      clip: { x: 0, y: 0, width: 1366, height: Math.ceil(actions.y + actions.height + 16) },
    });
  });

  it('an admin has the planning entries too; an observer has none', async () => {
    const admin = await newPage('en', 1366, DEMO.admin);
    await admin.locator('#plan-actions').waitFor();
    await admin.locator('.app-nav a[href="#agreements"]').click();
    await admin.locator('#pl-agreement-list').waitFor();
    await expect(admin.locator('#pl-agreement-list .pl-agreement-actions').count()).resolves.toBe(
      (await listOf('/api/agreements')).length,
    );

    const observer = await newPage('en', 1366, DEMO.observer);
    await expect(observer.locator('.app-nav a[href="#agreements"]').count()).resolves.toBe(0);
    await expect(observer.locator('#plan-actions').count()).resolves.toBe(0);
  });

  // Left to right at a desktop width, right to left on a phone: the two layouts that differ most
  // (the other two pairings are walked by the navigation and dashboard suites).
  describe.each([
    ['fr', 1366],
    ['ar', 360],
  ] as const)('in %s at %i px', (lang, width) => {
    const m = MESSAGES[lang];
    const tag = `${lang}-${width}`;
    const phone = width < 500;

    it('a programme manager plans a programme in the page, from agreement to renewal', async () => {
      const page = await newPage(lang, width, DEMO.pm);

      // ------------------------------------------------ agreements list and a new agreement
      await page.locator(`.app-nav a[href="#agreements"]`).click();
      await page.locator('#pl-agreement-list').waitFor();
      await expect(page.locator('#pl-screen-title').textContent()).resolves.toBe(
        m.plAgreementsTitle,
      );
      if (phone) await expectNoHorizontalOverflow(page, 'agreements list');
      if (process.env.REVIEW_SCREENSHOTS) await screenshotWhole(page, `review-list-${tag}.png`);
      const agreementsBefore = (await listOf('/api/agreements')).length;

      await page.locator('#pl-new-agreement').click();
      const form = 'pl-agreement-form';
      await page.locator(`#${form}`).waitFor();
      const title = `Mémorandum ${tag} sur la migration de travail`;
      await field(page, form, 'title').fill(title);
      // Titles in other languages, when the page offers them (CONTENT_TRANSLATIONS in planning-common.js).
      const translated = (await field(page, form, 'translations.en.title').count()) > 0;
      if (translated) {
        await field(page, form, 'translations.en.title').fill(
          `Memorandum ${tag} on labour migration`,
        );
        await field(page, form, 'translations.ar.title').fill(
          `مذكرة ${tag} بشأن هجرة اليد العاملة`,
        );
      }
      await field(page, form, 'reference').fill(`MA-CI/${tag}`);
      await page.locator(`#${form}-partyCodes-MA`).check();
      await page.locator(`#${form}-partyCodes-CI`).check();
      await field(page, form, 'signedOn').fill('2026-03-01');
      await field(page, form, 'durationMonths').fill('24');
      // The end date follows the duration, as the API will compute it.
      await expect(field(page, form, 'termEndsOn').inputValue()).resolves.toBe('2028-02-29');
      // …and an end date sets the duration when it closes whole months; any other is refused.
      await field(page, form, 'termEndsOn').fill('2027-02-28');
      await field(page, form, 'termEndsOn').dispatchEvent('change');
      await expect(field(page, form, 'durationMonths').inputValue()).resolves.toBe('12');
      await field(page, form, 'termEndsOn').fill('2027-03-10');
      await field(page, form, 'termEndsOn').dispatchEvent('change');
      await expect(
        page.evaluate(`document.getElementById('${form}-termEndsOn').validity.customError`),
      ).resolves.toBe(true);
      await field(page, form, 'durationMonths').fill('24');
      await expect(field(page, form, 'termEndsOn').inputValue()).resolves.toBe('2028-02-29');
      await field(page, form, 'renewal.mode').selectOption('tacit');
      await field(page, form, 'renewal.noticeDays').fill('90');
      if (phone) {
        await expectNoHorizontalOverflow(page, 'agreement form');
        await expectSubmitInView(page, form);
      }
      if (lang === 'fr' && !phone) await screenshotWhole(page, 'planning-agreement-form.png');
      if (process.env.REVIEW_SCREENSHOTS) await screenshotWhole(page, `review-form-${tag}.png`);
      // Spaces only: the browser's "required" lets it through, the API refuses it, beside the field.
      await field(page, form, 'title').fill('   ');
      await page.locator(`#${form} button[type=submit]`).click();
      await fieldError(page, form, 'title').waitFor();
      await expect(fieldError(page, form, 'title').textContent()).resolves.toMatch(/title/);
      await expect(field(page, form, 'title').getAttribute('aria-invalid')).resolves.toBe('true');
      expect((await listOf('/api/agreements')).length).toBe(agreementsBefore); // nothing created

      await field(page, form, 'title').fill(title);
      await page.locator(`#${form} button[type=submit]`).click();
      await page.locator('#pl-plan-form').waitFor();
      await expect(page.locator('.pl-flash').textContent()).resolves.toBe(m.plAgreementCreated);
      const agreement = (await listOf<Item & { translations?: object }>('/api/agreements')).find(
        (a) => a.title === title,
      )!;
      expect(agreement).toBeDefined();
      if (translated)
        expect(agreement.translations).toMatchObject({
          en: { title: `Memorandum ${tag} on labour migration` },
        });

      // ------------------------------------------------ a plan under it
      const planTitle = `Plan d'action ${tag} 2026–2028`;
      await field(page, 'pl-plan-form', 'title').fill(planTitle);
      await expect(field(page, 'pl-plan-form', 'startsOn').inputValue()).resolves.toBe(
        '2026-03-01',
      );
      await expect(field(page, 'pl-plan-form', 'durationMonths').inputValue()).resolves.toBe('24');
      await page.locator('#pl-plan-form-renewable').check();
      await page.locator('#pl-plan-form button[type=submit]').click();
      await page.locator('#plan-title').filter({ hasText: planTitle }).waitFor();
      const plan = (await listOf(`/api/agreements/${agreement.id}/action-plans`))[0];
      expect(plan.title).toBe(planTitle);
      await page.locator('#plan-actions').waitFor();
      if (phone) await expectNoHorizontalOverflow(page, 'plan view with planning actions');

      // ------------------------------------------------ record a renewal of the agreement
      await page.locator('.app-nav a[href="#agreements"]').click();
      await page
        .locator(`#pl-agreement-list li[data-id="${agreement.id}"] a[href$="/renewal"]`)
        .click();
      await page.locator('#pl-renewal-form').waitFor();
      await field(page, 'pl-renewal-form', 'note').fill('Décision du comité de pilotage');
      await page.locator('#pl-renewal-form button[type=submit]').click();
      await page.locator('#pl-renewal-outcome .notice.success').waitFor();
      const renewed = await apiGet<{ expiresOn: string; extendedMonths: number }>(
        `/api/agreements/${agreement.id}`,
      );
      expect(renewed).toMatchObject({ expiresOn: '2030-02-28', extendedMonths: 24 });
      await expect(page.locator('#pl-renewals li').count()).resolves.toBe(1);
      // Someone edits the agreement meanwhile: the form's version is stale, the API's reason is
      // shown in the form and nothing more is recorded.
      await t.http
        .patch(`/api/agreements/${agreement.id}`)
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .send({ reference: `MA-CI/${tag}/rev` })
        .expect(200);
      await page.locator('#pl-renewal-form button[type=submit]').click();
      await page.locator('#pl-renewal-form .form-message .notice.warning').waitFor();
      expect(
        (await apiGet<{ extendedMonths: number }>(`/api/agreements/${agreement.id}`))
          .extendedMonths,
      ).toBe(24);
      if (phone) await expectNoHorizontalOverflow(page, 'agreement renewal');

      // ------------------------------------------------ edit the agreement: only what changed is sent
      await page.locator('.app-nav a[href="#agreements"]').click();
      await page
        .locator(`#pl-agreement-list li[data-id="${agreement.id}"] a[href$="/edit"]`)
        .click();
      await page.locator(`#${form}`).waitFor();
      await expect(field(page, form, 'renewal.mode').inputValue()).resolves.toBe('tacit');
      await field(page, form, 'renewal.noticeDays').fill('60');
      await page.locator(`#${form} button[type=submit]`).click();
      await page.locator('#pl-agreement-list').waitFor();
      await expect(page.locator('.pl-flash').textContent()).resolves.toBe(m.plAgreementSaved);
      expect(await apiGet(`/api/agreements/${agreement.id}`)).toMatchObject({
        title,
        reference: `MA-CI/${tag}/rev`, // the other edit is kept: the form sent only the renewal clause
        renewal: { mode: 'tacit', noticeDays: 60 },
        extendedMonths: 24,
      });

      // ------------------------------------------------ edit the plan from its view
      await go(page, `#plan/${plan.id}`);
      await page.locator('#pl-action-edit').click();
      await page.locator('#pl-plan-form').waitFor();
      await field(page, 'pl-plan-form', 'title').fill(`${planTitle} (révisé)`);
      // The committee pack's languages: French then Arabic instead of the default French and English.
      await expect(field(page, 'pl-plan-form', 'packFirstLanguage').inputValue()).resolves.toBe(
        'fr',
      );
      await field(page, 'pl-plan-form', 'packSecondLanguage').selectOption('ar');
      await page.locator('#pl-plan-form button[type=submit]').click();
      await page
        .locator('#plan-title')
        .filter({ hasText: `${planTitle} (révisé)` })
        .waitFor();
      await expect(page.locator('#plan-actions .notice.success').textContent()).resolves.toBe(
        m.plPlanSaved,
      );
      expect(await apiGet<Item>(`/api/action-plans/${plan.id}`)).toMatchObject({
        title: `${planTitle} (révisé)`,
        packLanguages: ['fr', 'ar'],
      });

      // ------------------------------------------------ three activities, and one refused
      await page.locator('#pl-action-new-activity').click();
      const af = 'pl-activity-form';
      await page.locator(`#${af}`).waitFor();
      const activityTitles = [`Atelier ${tag} collecte`, `Visite ${tag} Abidjan`, `Réunion ${tag}`];
      for (const [i, activityTitle] of activityTitles.entries()) {
        await field(page, af, 'type').selectOption(['workshop', 'study_visit', 'meeting'][i]);
        await field(page, af, 'title').fill(activityTitle);
        await field(page, af, 'leadPartyCode').selectOption(i === 1 ? 'CI' : 'MA');
        await page.locator(`#${af}-partyCodes-CI`).check();
        await page.locator(`#${af}-themes-data_collection`).check();
        await field(page, af, 'plannedStartOn').fill('2026-05-01');
        await field(page, af, 'dueOn').fill(`2026-0${6 + i}-15`);
        await page.locator(`#${af} button[type=submit]`).click();
        await page.locator(`#pl-added li`).nth(i).waitFor();
      }
      expect(
        (await listOf(`/api/action-plans/${plan.id}/activities`)).map((a) => a.title).sort(),
      ).toEqual([...activityTitles].sort());
      // Planned start after the due date: only the API knows that rule; its error lands beside the field.
      await field(page, af, 'title').fill(`Mauvaises dates ${tag}`);
      await field(page, af, 'leadPartyCode').selectOption('MA');
      await field(page, af, 'plannedStartOn').fill('2026-09-30');
      await field(page, af, 'dueOn').fill('2026-09-01');
      if (phone) {
        await expectNoHorizontalOverflow(page, 'activity form');
        await expectSubmitInView(page, af);
      }
      await page.locator(`#${af} button[type=submit]`).click();
      await fieldError(page, af, 'plannedStartOn').waitFor();
      await expect(fieldError(page, af, 'plannedStartOn').textContent()).resolves.toContain(
        'dueOn',
      );
      expect(await listOf(`/api/action-plans/${plan.id}/activities`)).toHaveLength(3);

      // ------------------------------------------------ import: one bad row, nothing imported; then a good file
      await go(page, `#plan/${plan.id}/import`);
      await page.locator('#pl-import-form').waitFor();
      await page.locator('#pl-import-file').setInputFiles({
        name: 'activites.csv',
        mimeType: 'text/csv',
        buffer: csv([
          'title,type,leadPartyCode,partyCodes,dueOn',
          `Importée ${tag} 1,workshop,MA,MA;CI,2026-10-01`,
          `Importée ${tag} 2,excursion,CI,,2026-10-15`,
        ]),
      });
      await page.locator('#pl-import-submit').click();
      const errorRow = page.locator('#pl-import-errors tbody tr');
      await errorRow.first().waitFor();
      await expect(errorRow.count()).resolves.toBe(1);
      await expect(errorRow.first().getAttribute('data-row')).resolves.toBe('3');
      await expect(errorRow.first().getAttribute('data-field')).resolves.toBe('type');
      if (phone) await expectNoHorizontalOverflow(page, 'import errors');
      if (lang === 'ar' && phone)
        await screenshotWhole(page, 'planning-import-errors-ar-phone.png');
      expect(await listOf(`/api/action-plans/${plan.id}/activities`)).toHaveLength(3);

      await page.locator('#pl-import-file').setInputFiles({
        name: 'activites.csv',
        mimeType: 'application/vnd.ms-excel', // what Windows calls a CSV file: the page sends text/csv
        buffer: csv([
          'title,type,leadPartyCode,partyCodes,dueOn',
          `Importée ${tag} 1,workshop,MA,MA;CI,2026-10-01`,
          `Importée ${tag} 2,awareness,CI,,2026-10-15`,
        ]),
      });
      await page.locator('#pl-import-submit').click();
      await page.locator('#pl-import-counts').waitFor();
      await expect(
        page.locator('#pl-import-counts [data-created]').getAttribute('data-created'),
      ).resolves.toBe('2');
      expect(await listOf(`/api/action-plans/${plan.id}/activities`)).toHaveLength(5);
      // A row with the id of one of the plan's activities updates it instead of adding one.
      const imported = (await listOf(`/api/action-plans/${plan.id}/activities`)).find(
        (a) => a.title === `Importée ${tag} 2`,
      )!;
      await page.locator('#pl-import-file').setInputFiles({
        name: 'activites.xlsx.csv',
        mimeType: 'text/csv',
        buffer: csv([
          'id,title,type,leadPartyCode,dueOn',
          `${imported.id},Importée ${tag} 2 (corrigée),awareness,CI,2026-10-20`,
        ]),
      });
      await page.locator('#pl-import-submit').click();
      await page.locator('#pl-import-counts [data-updated="1"]').waitFor();
      expect(await listOf(`/api/action-plans/${plan.id}/activities`)).toHaveLength(5);
      expect((await apiGet<Item>(`/api/activities/${imported.id}`)).title).toBe(
        `Importée ${tag} 2 (corrigée)`,
      );

      // ------------------------------------------------ edit an activity, then cancel it with a reason
      const activities = await listOf(`/api/action-plans/${plan.id}/activities`);
      const toEdit = activities.find((a) => a.title === activityTitles[0])!;
      await go(page, `#plan/${plan.id}/activities`);
      await page.locator('#pl-activity-list').waitFor();
      if (phone) await expectNoHorizontalOverflow(page, 'activities to manage');
      await page.locator(`#pl-activity-list li[data-id="${toEdit.id}"] a.pl-item-title`).click();
      await page.locator(`#${af}`).waitFor();
      const edited = `${activityTitles[0]} (révisé)`;
      await field(page, af, 'title').fill(edited);
      await field(page, af, 'status').selectOption('in_progress');
      await field(page, af, 'note').fill('Dates confirmées par le ministère');
      await page.locator(`#${af} button[type=submit]`).click();
      await page.locator('#pl-activity-list').waitFor();
      const afterEdit = await apiGet<Item>(`/api/activities/${toEdit.id}`);
      expect(afterEdit).toMatchObject({
        title: edited,
        status: 'in_progress',
        version: toEdit.version + 1,
      });

      await go(page, `#activity/${toEdit.id}/edit`);
      await page.locator('#pl-cancel-activity').click();
      await page.locator('dialog.pl-dialog[open]').waitFor();
      if (phone) await expectNoHorizontalOverflow(page, 'cancel dialog');
      if (process.env.REVIEW_SCREENSHOTS)
        await page.screenshot({ path: join(SCREENSHOTS, `review-dialog-${tag}.png`) });
      await page.locator('#pl-cancel-reason').fill('Remplacée par une visite conjointe');
      await page.locator('#pl-dialog-confirm').click();
      await page.locator('#pl-activity-list').waitFor();
      await expect(page.locator('.pl-flash').textContent()).resolves.toContain(edited);
      expect((await apiGet<Item>(`/api/activities/${toEdit.id}`)).status).toBe('cancelled');

      // ------------------------------------------------ renew the plan, with its outcome shown
      await go(page, `#plan/${plan.id}`);
      await page.locator('#pl-action-renew').click();
      await page.locator('#pl-renew-confirm').click();
      await page.locator('#pl-carried-over').waitFor();
      const next = (await listOf(`/api/agreements/${agreement.id}/action-plans`)).find(
        (p) => p.previousPlanId === plan.id,
      )!;
      expect(next).toBeDefined();
      const carried = await listOf(`/api/action-plans/${next.id}/activities`);
      expect(carried).toHaveLength(4); // five activities, one cancelled
      await expect(page.locator('#pl-carried-over').textContent()).resolves.toBe(
        pluralFor(lang, m.plCarriedOver, 4),
      );
      if (phone) await expectNoHorizontalOverflow(page, 'renewal outcome');
      if (process.env.REVIEW_SCREENSHOTS) await screenshotWhole(page, `review-renew-${tag}.png`);
      await page.locator('#pl-open-next').click();
      await page.locator('#plan-title').filter({ hasText: next.title }).waitFor();
    });

    it('deletes a fresh activity after confirming in the page, and offers Cancel when something refers to it', async () => {
      const pm = await t.tokenFor(DEMO.pm);
      const [plan] = await listOf('/api/dashboard').then((rows) =>
        rows.map((r) => ({ ...r, id: (r as unknown as { planId: string }).planId })),
      );
      const create = async (title: string) =>
        (
          await t.http
            .post(`/api/action-plans/${plan.id}/activities`)
            .set('Authorization', pm)
            .send({ title, type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-11-30' })
            .expect(201)
        ).body as Item;
      const fresh = await create(`Saisie par erreur ${tag}`);

      const page = await newPage(lang, width, DEMO.pm);
      await go(page, `#activity/${fresh.id}/edit`);
      await page.locator('#pl-delete-activity').click();
      await page.locator('dialog.pl-dialog[open]').waitFor();
      // Keeping it first: nothing happens.
      await page.locator('#pl-dialog-cancel').click();
      await expect(page.locator('dialog.pl-dialog').count()).resolves.toBe(0);
      await t.http.get(`/api/activities/${fresh.id}`).set('Authorization', pm).expect(200);

      await page.locator('#pl-delete-activity').click();
      await page.locator('#pl-dialog-confirm').click();
      await page.locator('#pl-activity-list').waitFor();
      await t.http.get(`/api/activities/${fresh.id}`).set('Authorization', pm).expect(404);

      // One with a history (an update) is referred to: the page explains and offers to cancel.
      const used = await create(`Déjà suivie ${tag}`);
      await t.http
        .patch(`/api/activities/${used.id}`)
        .set('Authorization', pm)
        .send({ version: used.version, status: 'in_progress' })
        .expect(200);
      await go(page, `#activity/${used.id}/edit`);
      await page.locator('#pl-delete-activity').click();
      await page.locator('#pl-dialog-confirm').click();
      await page.locator('#pl-cancel-instead').waitFor();
      await t.http.get(`/api/activities/${used.id}`).set('Authorization', pm).expect(200);
      await page.locator('#pl-cancel-instead').click();
      await page.locator('#pl-cancel-reason').fill('Doublon');
      await page.locator('#pl-dialog-confirm').click();
      await page.locator('#pl-activity-list').waitFor();
      expect((await apiGet<Item>(`/api/activities/${used.id}`)).status).toBe('cancelled');
    });

    it('a focal point sees no planning entries and cannot open the planning screens', async () => {
      const page = await newPage(lang, width, DEMO.focalMa);
      await expect(page.locator('.app-nav a[href="#agreements"]').count()).resolves.toBe(0);
      await expect(page.locator('#plan-actions').count()).resolves.toBe(0);
      await go(page, '#agreements');
      await page.locator('#plan-view[aria-busy="false"]').waitFor();
      await expect(page.locator('#pl-agreement-list').count()).resolves.toBe(0);
      await expect(page.locator('#plan-actions').count()).resolves.toBe(0);
      if (phone) await expectNoHorizontalOverflow(page, 'focal point');
    });
  });
});

/** The plural form the page shows for n, from the dictionary entry. */
function pluralFor(lang: Language, forms: Record<string, string>, n: number): string {
  const locale = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' }[lang];
  const form = forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
  return form.replace('{n}', new Intl.NumberFormat(locale).format(n));
}
