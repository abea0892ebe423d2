import type { Page } from 'playwright-core';
import type { Language } from '../../src/dashboard/i18n';
import { BROWSER_LOCALES, useBrowserApp } from '../support/browser';
import { seededPlan } from '../support/fixtures';
import { DEMO, type TestApp } from '../support/test-app';

/**
 * The meetings screen in a real headless Chromium against the real api: a programme manager records
 * the next committee meeting, marks it held and reads, in words, what changed since the previous one;
 * a decision becomes an activity. Read again in Arabic.
 */
describe('committee meetings screen', () => {
  jest.setTimeout(180_000);
  let t: TestApp;
  let planId: string;
  let activityId: string;

  async function setup(app: TestApp): Promise<void> {
    t = app;
    t.clock.set('2026-03-01T10:00:00Z');
    const pm = await t.tokenFor(DEMO.pm);
    const { agreementId } = await seededPlan(t);
    const plan = await t.http
      .post(`/api/agreements/${agreementId}/action-plans`)
      .set('Authorization', pm)
      .send({ title: 'Plan de suivi 2026–2027', startsOn: '2026-01-01', durationMonths: 24 })
      .expect(201);
    planId = plan.body.id;
    const activity = await t.http
      .post(`/api/action-plans/${planId}/activities`)
      .set('Authorization', pm)
      .send({
        title: 'Visite d’étude conjointe',
        translations: { ar: { title: 'زيارة دراسية مشتركة' } },
        type: 'study_visit',
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-06-30',
        status: 'in_progress',
        progressPercent: 50,
      })
      .expect(201);
    activityId = activity.body.id;
    // The first committee meeting, held, with its baseline.
    await t.http
      .post(`/api/action-plans/${planId}/meetings`)
      .set('Authorization', pm)
      .send({ heldOn: '2026-02-27', place: 'Rabat', status: 'held' })
      .expect(201);
    // Since then, Morocco reported progress on its part (the joint progress is the parts' mean).
    const part = (activity.body.parts as { partyCode: string; version: number }[]).find(
      (p) => p.partyCode === 'MA',
    )!;
    await t.http
      .patch(`/api/activities/${activityId}/parts/MA`)
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .send({ version: part.version, progressPercent: 70 })
      .expect(200);
  }
  const b = useBrowserApp({
    app: { env: { RATE_LIMIT_PER_TOKEN: '5000' } },
    setup,
    // A page asks whether a session cookie is there (401 when not); any other console error fails the
    // test, as a page error does.
    allowedConsoleErrors: /Failed to load resource: the server responded with a status of 401/,
  });

  /** A page signed in as `email` through the API (the login form has its own tests), plans shown. */
  async function signedInPage(lang: Language, email: string): Promise<Page> {
    const page = await b.newPage({
      lang,
      width: 1280,
      locale: BROWSER_LOCALES[lang],
      user: email,
      path: `/?lang=${lang}#plans`,
    });
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
    return page;
  }
  /** Texts with the no-break spaces of French typography as plain spaces. */
  const spaced = (texts: string[]) => texts.map((text) => text.replace(/\s/g, ' '));
  const go = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

  it('a programme manager records a meeting, marks it held and sees the changes since the previous one', async () => {
    const page = await signedInPage('fr', DEMO.pm);
    await go(page, `#plan/${planId}`);
    await page.locator('#plan-meetings-link').click();
    await page.locator('#meetings-screen').waitFor();
    expect(await page.locator('.mtg-meeting').count()).toBe(1);

    await page.locator('#mtg-new').click();
    await page.locator('#mtg-create-form-heldOn').fill('2026-03-10');
    await page.locator('#mtg-create-form-place').fill('Abidjan');
    await page
      .locator('#mtg-create-form-participants')
      .fill('A. Bennani; MA; co-président\nK. Koffi; CI');
    await page.locator('#mtg-create-form-decisions').fill('Organiser un atelier de restitution');
    await page.locator('#mtg-create-form button[type=submit]').click();

    const planned = page.locator('.mtg-meeting[data-status="planned"]');
    await planned.waitFor();
    await expect(planned.locator('.mtg-participants li').allTextContents()).resolves.toEqual([
      'A. Bennani (Maroc) — co-président',
      "K. Koffi (Côte d'Ivoire)",
    ]);
    // Not held yet: the changes up to now.
    await planned.locator('.mtg-change').first().waitFor();
    expect(spaced(await planned.locator('.mtg-change').allTextContents())).toEqual([
      'Visite d’étude conjointe (ensemble) — avancement : 50 % → 60 %',
      'Visite d’étude conjointe (Maroc) — avancement : 50 % → 70 %',
    ]);

    // The meeting takes place.
    t.clock.set('2026-03-10T15:00:00Z');
    await planned.locator('.mtg-hold').click();
    const held = page.locator('.mtg-meeting[data-status="held"]').first();
    await page.locator('.mtg-meeting[data-status="planned"]').waitFor({ state: 'detached' });
    await expect(page.locator('.pl-flash').textContent()).resolves.toContain('tenue');
    await expect(page.locator('.mtg-meeting[data-status="held"]').count()).resolves.toBe(2);
    await held.locator('.mtg-change').first().waitFor();
    expect(spaced(await held.locator('.mtg-change').allTextContents())).toEqual([
      'Visite d’étude conjointe (ensemble) — avancement : 50 % → 60 %',
      'Visite d’étude conjointe (Maroc) — avancement : 50 % → 70 %',
    ]);
    await expect(held.locator('.mtg-status').textContent()).resolves.toBe('Tenue');

    // Its decision becomes an activity.
    const decision = held.locator('.mtg-decision').first();
    await decision.locator('.mtg-make button').first().click();
    const form = decision.locator('form');
    await form.locator('select[name="type"], select').first().selectOption('workshop');
    await form.locator('input[type=date]').fill('2026-09-30');
    await form.locator('button[type=submit]').click();
    await page.locator('.mtg-became').first().waitFor();
    await expect(page.locator('.mtg-became').first().textContent()).resolves.toContain(
      'Organiser un atelier de restitution',
    );
  });

  it('reads the meetings and their changes in Arabic, right to left, without the managers’ buttons', async () => {
    const page = await signedInPage('ar', DEMO.focalCi);
    await go(page, `#plan/${planId}/meetings`);
    await page.locator('#meetings-screen').waitFor();
    await expect(page.evaluate('document.documentElement.dir')).resolves.toBe('rtl');
    await expect(page.locator('#mtg-new').count()).resolves.toBe(0);
    await expect(page.locator('.mtg-hold').count()).resolves.toBe(0);
    const change = page.locator('.mtg-meeting').first().locator('.mtg-change').first();
    await change.waitFor();
    const text = await change.textContent();
    expect(text).toContain('زيارة دراسية مشتركة');
    expect(text).toContain('نسبة الإنجاز');
  });
});
