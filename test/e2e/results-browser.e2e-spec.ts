import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../src/dashboard/i18n';
import { launchChromium, listenLocally } from '../support/browser';
import { seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, DEMO_PASSWORD, type TestApp } from '../support/test-app';

/**
 * The results screen in a real headless Chromium against the real api: a focal point reports a value
 * broken down by sex and age group (the page checks the sum as it is typed), a programme manager
 * validates the period, the focal point's later change is refused without a reason and accepted with
 * one, and shows in the value's history; the plan's dashboard shows each indicator's achievement as the
 * API computes it; the screen in Arabic on a 360 px phone has no horizontal overflow.
 */
describe('results screen', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let planId: string;
  let objectiveId: string;
  let indicatorId: string;
  let pm: string;
  const PERIOD = '2025-H2';
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_TOKEN: '5000' } });
    t.clock.set('2026-01-20T10:00:00Z');
    base = await listenLocally(t);
    browser = await launchChromium();
    pm = await t.tokenFor(DEMO.pm);
    ({ planId } = await seededPlan(t));
    const results = `/api/action-plans/${planId}/results`;
    const objective = await t.http
      .post(`${results}/objectives`)
      .set('Authorization', pm)
      .send({ code: 'OBJ-9', title: 'Protection des victimes (essai)' })
      .expect(201);
    objectiveId = objective.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    expect(problems.splice(0)).toEqual([]);
  });

  async function newPage(lang: Language, width = 1280): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' }[lang],
    });
    contexts.push(context);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // A signed-out page asks whether a session cookie is there (401 until signed in); the refused
      // change below is an expected 4xx.
      if (
        /Failed to load resource: the server responded with a status of (401|4\d\d)/.test(
          message.text(),
        )
      )
        return;
      problems.push(`console: ${message.text()}`);
    });
    // The plans screen: a programme manager would otherwise land on the portfolio.
    await page.goto(`${base}/?lang=${lang}#plans`);
    return page;
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
  }
  /**
   * What sticks out of a 360 px page sideways (none when the page does not scroll sideways), named by
   * tag, id and class so that a failure says where to look.
   */
  const overflowing = (page: Page) =>
    page.evaluate<string[]>(`(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth) return [];
      const out = [...document.querySelectorAll('body *')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5);
      });
      // The innermost ones: their ancestors only stick out because of them.
      return out
        .filter((e) => ![...e.children].some((c) => out.includes(c)))
        .map((e) => e.tagName + '#' + e.id + '.' + e.getAttribute('class') + ' ' + Math.round(e.getBoundingClientRect().width))
        .slice(0, 15)
        .concat(['scrollWidth ' + document.documentElement.scrollWidth]);
    })()`);
  const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  interface FrameworkAnswer {
    values: { indicatorId: string; value: number; breakdown: object[] }[];
    indicators: {
      id: string;
      code: string;
      achievement: { year: { percent: number | null } };
      [field: string]: unknown;
    }[];
  }
  const framework = async (year?: string): Promise<FrameworkAnswer> =>
    (
      await t.http
        .get(`/api/action-plans/${planId}/results${year ? `?year=${year}` : ''}`)
        .set('Authorization', pm)
        .expect(200)
    ).body as FrameworkAnswer;

  /** Opens the MA cell of the test indicator for PERIOD and answers the panel. */
  async function openCell(page: Page) {
    const article = page.locator(`#indicator-${indicatorId}`);
    await article.locator(`tr[data-period="${PERIOD}"] td[data-party="MA"] .res-open`).click();
    const panel = page.locator(`#res-panel-${indicatorId}`);
    await panel.waitFor();
    return panel;
  }

  it('a manager adds an indicator, a focal point reports, the manager validates, a later change needs a reason and is kept in history', async () => {
    // The manager adds the indicator and its 2025 target in the page.
    const manager = await newPage('fr');
    await signIn(manager, DEMO.pm);
    await go(manager, `#plan/${planId}/results`);
    await manager.locator(`#res-new-indicator-${objectiveId}`).click();
    const form = `#res-indicator-form-${objectiveId}`;
    await manager.locator(`${form}-code`).fill('IND-9.1');
    await manager.locator(`${form}-title`).fill('Victimes orientées vers un service de protection');
    await manager.locator(`${form}-translations-ar-title`).fill('الضحايا الموجَّهون إلى خدمة حماية');
    await manager.locator(`${form}-unit`).fill('personnes');
    await manager.locator(`${form}-responsiblePartyCode`).selectOption('MA');
    await manager.locator(`${form}-disaggregations-sex`).check();
    await manager.locator(`${form}-disaggregations-age_group`).check();
    await manager.locator(`${form}-target-2025`).fill('40');
    await manager.locator(`${form} .form-actions button[type=submit]`).click();
    await manager.locator('.pl-flash').waitFor();
    const created = (await framework()).indicators.find((i) => i.code === 'IND-9.1')!;
    indicatorId = created.id;
    expect(created).toMatchObject({
      measure: 'number',
      disaggregations: ['sex', 'age_group'],
      responsiblePartyCode: 'MA',
      targets: [{ period: '2025', targetValue: 40 }],
    });

    const focal = await newPage('fr');
    await signIn(focal, DEMO.focalMa);
    await focal.locator('#plan-results-link').click();
    await focal.locator('#results-screen').waitFor();

    // Morocco's value for the second half of 2025, broken down by sex and age group.
    let panel = await openCell(focal);
    await panel.locator('input[name="value"]').fill('30');
    await panel.locator('.res-add-row').click();
    await panel.locator('.res-add-row').click();
    const rows = panel.locator('.res-breakdown-row');
    await rows.nth(0).locator('select[data-dimension="sex"]').selectOption('female');
    await rows.nth(0).locator('.res-cell-value').fill('20');
    await rows.nth(1).locator('select[data-dimension="sex"]').selectOption('male');
    await rows.nth(1).locator('.res-cell-value').fill('5');
    // The live sum check refuses 25 for 30, before anything is sent.
    await expect(panel.locator('.res-sum').getAttribute('data-ok')).resolves.toBe('false');
    await panel.locator('.form-actions button[type=submit]').click();
    expect((await framework()).values.filter((v) => v.indicatorId === indicatorId)).toEqual([]);
    await rows.nth(1).locator('.res-cell-value').fill('10');
    await expect(panel.locator('.res-sum').getAttribute('data-ok')).resolves.toBe('true');
    await panel.locator('.form-actions button[type=submit]').click();
    await focal.locator('.pl-flash').waitFor();
    const cell = focal.locator(
      `#indicator-${indicatorId} tr[data-period="${PERIOD}"] td[data-party="MA"] .res-value`,
    );
    await expect(cell.textContent()).resolves.toBe('30');
    const stored = (await framework()).values.find((v) => v.indicatorId === indicatorId)!;
    expect(Number(stored.value)).toBe(30);
    expect(stored.breakdown).toEqual([
      { sex: 'female', age_group: '0_17', value: 20 },
      { sex: 'male', age_group: '0_17', value: 10 },
    ]);

    // The manager validates the period in the page.
    await go(manager, `#plan/${planId}`);
    await go(manager, `#plan/${planId}/results`);
    await manager.locator(`.res-period[data-period="${PERIOD}"] .res-validate`).click();
    await manager.locator('#pl-dialog-confirm').click();
    await manager.locator(`.res-period[data-period="${PERIOD}"][data-validated="true"]`).waitFor();

    // The focal point's change without a reason is refused, and the page says why.
    await go(focal, `#plan/${planId}`);
    await go(focal, `#plan/${planId}/results`);
    await focal
      .locator(`#indicator-${indicatorId} tr[data-period="${PERIOD}"][data-validated="true"]`)
      .waitFor();
    panel = await openCell(focal);
    await expect(panel.locator('.notice.info').textContent()).resolves.toContain('verrouillées');
    await panel.locator('input[name="value"]').fill('32');
    await panel.locator('.res-breakdown-row').nth(0).locator('.res-cell-value').fill('22');
    await panel.locator('.form-actions button[type=submit]').click();
    const reasonError = panel.locator('[id$="-reason-error"]');
    await reasonError.waitFor();
    await expect(reasonError.textContent()).resolves.toContain('motif');
    expect(
      Number((await framework()).values.find((v) => v.indicatorId === indicatorId)!.value),
    ).toBe(30);

    // With a reason it is accepted, and the history tells the change and its reason.
    await panel
      .locator('textarea[name="reason"]')
      .fill('Deux orientations saisies en retard à Tanger');
    await panel.locator('.form-actions button[type=submit]').click();
    await focal.locator('.pl-flash').waitFor();
    await expect(cell.textContent()).resolves.toBe('32');
    panel = await openCell(focal);
    await panel.locator('.res-history summary').click();
    const lastChange = panel.locator('.res-history-item').last();
    await lastChange.waitFor();
    await expect(lastChange.textContent()).resolves.toMatch(
      /30 → 32.*Deux orientations saisies en retard à Tanger/,
    );
  });

  it('the plan dashboard shows each indicator’s achievement as the API gives it', async () => {
    const page = await newPage('en');
    await signIn(page, DEMO.observer);
    await go(page, `#plan/${planId}`);
    await page.locator(`#results-progress[data-plan-id="${planId}"][data-loaded="true"]`).waitFor();
    const year = await page.locator('#results-progress').getAttribute('data-year');
    expect(year).toBe('2025');
    const shown = await page.locator('.res-progress-item').evaluateAll((items) =>
      items.map((i) => {
        const { dataset } = i as unknown as { dataset: { code: string; percent: string } };
        return [dataset.code, dataset.percent];
      }),
    );
    const expected = (await framework(year!)).indicators.map((i) => [
      i.code,
      i.achievement.year.percent === null ? '' : String(i.achievement.year.percent),
    ]);
    expect(shown.sort()).toEqual(expected.sort());
    // 32 of a target of 40.
    expect(shown).toContainEqual(['IND-9.1', '80']);
  });

  it('reads the dashboard block and the results in Arabic on a 360 px phone, right to left, without overflow', async () => {
    const page = await newPage('ar', 360);
    await signIn(page, DEMO.focalCi);
    // The plan's dashboard with its progress block first.
    await page.locator(`#results-progress[data-plan-id="${planId}"][data-loaded="true"]`).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await go(page, `#plan/${planId}/results`);
    await page.locator('#results-screen').waitFor();
    await expect(page.evaluate('document.documentElement.dir')).resolves.toBe('rtl');
    await expect(page.locator(`#indicator-${indicatorId} h4`).textContent()).resolves.toContain(
      'الضحايا الموجَّهون إلى خدمة حماية',
    );
    // Côte d'Ivoire reports its own values, never Morocco's.
    const row = page.locator(`#indicator-${indicatorId} tr[data-period="2026-H1"]`);
    await expect(row.locator('td[data-party="CI"] .res-open').count()).resolves.toBe(1);
    await expect(row.locator('td[data-party="MA"] .res-open').count()).resolves.toBe(0);
    await page
      .locator(`#indicator-${indicatorId} tr[data-period="2026-H1"] td[data-party="CI"] .res-open`)
      .click();
    await page.locator(`#res-panel-${indicatorId}`).waitFor();
    expect(await overflowing(page)).toEqual([]);
  });
});
