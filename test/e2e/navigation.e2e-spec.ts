import type { BrowserContext, Page } from 'playwright-core';
import { type Language, MESSAGES } from '../../src/dashboard/i18n';
import { useBrowserApp } from '../support/browser';
import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
import { DEMO, DEMO_PASSWORD, TestApp } from '../support/test-app';

/**
 * Links that open what they name, the focal point's phone, and history that reads right: a real
 * headless Chromium against the real api, in French and Arabic, at 1366 px and 360 px.
 */
describe('dashboard navigation: links, phone first, history', () => {
  jest.setTimeout(90_000);
  let t: TestApp;
  let seeded: SeededPlan;
  let foreign: { agreementId: string; planId: string; activityId: string };
  const b = useBrowserApp({
    setup: async (app) => {
      t = app;
      seeded = await seededPlan(t);
      foreign = await createEgyptTunisiaAgreement(t);
    },
  });

  const apiGet = async (path: string, email: string = DEMO.pm) =>
    (
      await t.http
        .get(path)
        .set('Authorization', await t.tokenFor(email))
        .expect(200)
    ).body;

  /** The focal point's own open activities in the seeded plan, soonest due first. */
  const ownOpen = (party: string) =>
    seeded.activities
      .filter((a) => a.partyCodes.includes(party) && !['completed', 'cancelled'].includes(a.status))
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));

  const newContext = (width = 1366, height = 900): Promise<BrowserContext> =>
    b.newContext({ width, height });

  const open = (context: BrowserContext, path: string): Promise<Page> => b.open(context, path);

  /** Opens `path` signed in as `email` through the API (the first test signs in through the form). */
  async function openSignedIn(context: BrowserContext, path: string, email: string): Promise<Page> {
    await b.signIn(context, email);
    const page = await open(context, path);
    await page.locator('#app-view:not([hidden])').waitFor();
    return page;
  }

  /** Signs in through the form, as a person does (whatever keeps the session afterwards). */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#app-view:not([hidden])').waitFor();
  }

  /** Signs in if the page asks for it (a new tab may already be signed in). */
  async function signInIfAsked(page: Page, email: string): Promise<void> {
    await page.locator('#login-view:not([hidden]), #app-view:not([hidden])').first().waitFor();
    if (await page.locator('#login-view').isVisible()) await signIn(page, email);
  }

  const hashOf = (page: Page) => new URL(page.url()).hash;
  /** Asserts the address's hash once the router has had time to set it (it follows the view). */
  const hashBecomes = async (page: Page, expected: string) => {
    // On timeout the assertion below says what the hash was instead.
    await page
      .waitForFunction(`location.hash === ${JSON.stringify(expected)}`)
      .catch(() => undefined);
    expect(hashOf(page)).toBe(expected);
  };

  const dialogOpen = (page: Page) =>
    page.locator('#activity-dialog[open] #activity-form').waitFor();

  it('a focal point follows a reminder link in a new tab, signs in and lands on the activity over its plan', async () => {
    const activity = ownOpen('MA')[0];
    const context = await newContext();
    const page = await open(context, `/?lang=fr#activity/${activity.id}`);
    await page.locator('#login-form').waitFor(); // not signed in yet
    await signIn(page, DEMO.focalMa);

    await dialogOpen(page);
    await expect(page.locator('#activity-title').textContent()).resolves.toBe(activity.title);
    // The plan of that activity is behind the dialog, and the address still names the activity.
    await expect(page.locator('#plan-title').textContent()).resolves.toMatch(/2025–2026/);
    await hashBecomes(page, `#activity/${activity.id}`);

    // Closing returns the address to the plan.
    await page.locator('#activity-dialog .dialog-header button').click();
    await page.locator('#activity-dialog[open]').waitFor({ state: 'detached' });
    await hashBecomes(page, `#plan/${seeded.planId}`);

    // Opening from the list names the activity in the address too; a reload opens it again.
    const second = ownOpen('MA')[1];
    await page.locator(`#activity-list .activity[data-id="${second.id}"] .activity-open`).click();
    await dialogOpen(page);
    await hashBecomes(page, `#activity/${second.id}`);
    await page.reload();
    await signInIfAsked(page, DEMO.focalMa);
    await dialogOpen(page);
    await expect(page.locator('#activity-title').textContent()).resolves.toBe(second.title);

    // Another reminder in another tab of the same browser: the activity opens (after sign-in if asked).
    const third = ownOpen('MA')[2];
    const tab = await open(context, `/?lang=fr#activity/${third.id}`);
    await signInIfAsked(tab, DEMO.focalMa);
    await dialogOpen(tab);
    await expect(tab.locator('#activity-title').textContent()).resolves.toBe(third.title);
    await hashBecomes(tab, `#activity/${third.id}`);
  });

  it('a manager goes from the activity to its planning form; a focal point has no such link', async () => {
    const activity = ownOpen('MA')[0];
    const manager = await openSignedIn(
      await newContext(),
      `/?lang=fr#activity/${activity.id}`,
      DEMO.pm,
    );
    await dialogOpen(manager);
    await manager.locator('#activity-edit-link').click();
    await manager.locator('#pl-activity-form').waitFor();
    await manager.locator('#activity-dialog[open]').waitFor({ state: 'detached' });
    // The form's address stays: closing the dialog did not send it back to the plan.
    await hashBecomes(manager, `#activity/${activity.id}/edit`);
    await expect(manager.locator('#pl-activity-form [name="title"]').inputValue()).resolves.toBe(
      activity.title,
    );

    const focal = await openSignedIn(
      await newContext(),
      `/?lang=fr#activity/${activity.id}`,
      DEMO.focalMa,
    );
    await dialogOpen(focal);
    await expect(focal.locator('#activity-edit-link').count()).resolves.toBe(0);
  });

  it('#agreement/<id> shows the agreement: term, renewal, parties by name, its plans; managers get Edit', async () => {
    const agreement = await apiGet(`/api/agreements/${seeded.agreementId}`);
    const context = await newContext();
    const page = await openSignedIn(
      context,
      `/?lang=fr#agreement/${seeded.agreementId}`,
      DEMO.focalMa,
    );
    await page.locator('#agreement-view').waitFor();
    await expect(page.locator('#agreement-title').textContent()).resolves.toBe(agreement.title);
    await expect(page.locator('#agreement-parties .chip').allTextContents()).resolves.toEqual([
      'Maroc',
      expect.stringMatching(/^Côte d.Ivoire$/),
    ]);
    await expect(page.locator('#agreement-renewal-mode dd').textContent()).resolves.toContain(
      MESSAGES.fr.navRenewalModes.tacit,
    );
    await expect(page.locator('#agreement-notice dd').textContent()).resolves.toContain('90');
    await expect(page.locator('#agreement-end dd').textContent()).resolves.toContain('2027');
    await page.locator('#agreement-renewals').waitFor();
    await hashBecomes(page, `#agreement/${seeded.agreementId}`);
    // A focal point reads it; only managers get the link to edit it.
    await expect(page.locator('#agreement-edit').count()).resolves.toBe(0);

    // Its plans link to them, with their progress.
    const planLink = page.locator(`#agreement-plans .agreement-plan[data-id="${seeded.planId}"] a`);
    await expect(planLink.getAttribute('href')).resolves.toBe(`#plan/${seeded.planId}`);
    await planLink.click();
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
    await hashBecomes(page, `#plan/${seeded.planId}`);

    const pm = await openSignedIn(
      await newContext(),
      `/?lang=ar#agreement/${seeded.agreementId}`,
      DEMO.pm,
    );
    await expect(pm.locator('#agreement-edit').getAttribute('href')).resolves.toBe(
      `#agreement/${seeded.agreementId}/edit`,
    );
    await expect(pm.locator('#agreement-parties .chip').first().textContent()).resolves.toBe(
      'المغرب',
    );
  });

  it('an id that is foreign or unknown says "not found or not visible", never a blank page', async () => {
    const context = await newContext();
    const page = await openSignedIn(
      context,
      `/?lang=fr#activity/${foreign.activityId}`,
      DEMO.focalMa,
    );
    const card = page.locator('#not-found');
    await expect(card.getAttribute('data-kind')).resolves.toBe('activity');
    await expect(card.locator('p').first().textContent()).resolves.toBe(
      MESSAGES.fr.navNotFound.activity,
    );
    await expect(page.locator('#activity-dialog[open]').count()).resolves.toBe(0);

    for (const [hash, kind] of [
      [`#agreement/${foreign.agreementId}`, 'agreement'],
      [`#plan/${foreign.planId}`, 'plan'],
      ['#activity/not-an-id', 'activity'],
    ]) {
      await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
      await page.locator(`#not-found[data-kind="${kind}"]`).waitFor();
    }
    // The way back works.
    await page.getByRole('link', { name: MESSAGES.fr.navBackToPlans }).click();
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
  });

  for (const lang of ['fr', 'ar'] as Language[]) {
    it(`on a 360 px phone (${lang}) a focal point's own open activities come first, the timeline fits, Save is in view`, async () => {
      const context = await newContext(360, 640);
      const page = await openSignedIn(context, `/?lang=${lang}`, DEMO.focalMa);
      await page.locator('#plan-view[aria-busy="false"]').waitFor();

      const expected = ownOpen('MA');
      const items = page.locator('#my-activities-list > li.activity');
      // The five due soonest, the others one tap away (so the figures below stay within reach).
      expect(expected.length).toBeGreaterThan(5);
      await expect(items.count()).resolves.toBe(5);
      const first = (await items.first().boundingBox())!;
      expect(first.y).toBeLessThan(1.5 * 640); // without scrolling past the charts
      await page.locator('#my-activities-more').click();
      await expect(items.count()).resolves.toBe(expected.length);
      const dues = await items.evaluateAll((nodes) =>
        nodes.map((n) => (n as unknown as { dataset: { dueOn: string } }).dataset.dueOn),
      );
      expect(dues).toEqual([...dues].sort());
      expect(dues).toEqual(expected.map((a) => a.dueOn));

      // The timeline fits its box: no chart wider than the card, the compact list instead.
      const { scroll, client } = await page.locator('#timeline').evaluate((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
      }));
      expect(scroll).toBeLessThanOrEqual(client);
      await expect(page.locator('#timeline svg.timeline').isVisible()).resolves.toBe(false);
      await expect(page.locator('#timeline .timeline-compact li').count()).resolves.toBe(
        seeded.activities.length,
      );
      const size = (await page.evaluate(
        '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
      )) as { scrollWidth: number; innerWidth: number };
      expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);

      // The dialog's Save button is in the viewport without scrolling.
      await items.first().locator('.activity-open').click();
      await dialogOpen(page);
      const save = (await page.locator('#activity-save').boundingBox())!;
      expect(save.y).toBeGreaterThanOrEqual(0);
      expect(save.y + save.height).toBeLessThanOrEqual(640);
      expect(save.x).toBeGreaterThanOrEqual(0);
      expect(save.x + save.width).toBeLessThanOrEqual(360);
      await expect(page.locator('#activity-save').isVisible()).resolves.toBe(true);
    });
  }

  it('Arabic history: each value isolated, the arrow mirrored, the person’s name, date apart', async () => {
    // Morocco's own activity: a focal point's progress is their part's, which is the activity's when
    // Morocco is its only party.
    const activity = ownOpen('MA').find((a) => a.partyCodes.length === 1)!;
    const token = await t.tokenFor(DEMO.focalMa);
    const me = await apiGet('/api/me', DEMO.focalMa);
    let version = (await apiGet(`/api/activities/${activity.id}`)).version;
    for (const body of [{ progressPercent: 75, status: 'in_progress' }, { progressPercent: 60 }]) {
      const res = await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', token)
        .send({ version, ...body })
        .expect(200);
      version = res.body.version;
    }

    const context = await newContext(1366, 900);
    const page = await openSignedIn(context, `/?lang=ar#activity/${activity.id}`, DEMO.focalMa);
    await dialogOpen(page);
    const latest = page.locator('#history-list > li.history-entry').first();
    const change = latest.locator('.history-change[data-field="progressPercent"]');
    await change.waitFor();
    // Structure, in DOM order: the field, the old value, the arrow, the new value.
    type Part = { tagName: string; className: string; textContent: string };
    const parts = await change.evaluate((el) =>
      Array.from((el as unknown as { children: ArrayLike<Part> }).children).map((c) => ({
        tag: c.tagName.toLowerCase(),
        cls: c.className,
        text: c.textContent,
      })),
    );
    expect(parts.map((p) => p.cls)).toEqual([
      'history-field',
      'history-from',
      'history-arrow',
      'history-to',
    ]);
    expect(parts[1]).toMatchObject({ tag: 'bdi' });
    expect(parts[3]).toMatchObject({ tag: 'bdi' });
    expect(parts[1].text).toMatch(/75/);
    expect(parts[3].text).toMatch(/60/);
    expect(parts[2].text).toBe('←'); // pointing the way Arabic reads
    // A number has no direction of its own: its isolate says left to right.
    await expect(change.locator('bdi.history-from').getAttribute('dir')).resolves.toBe('ltr');

    // Who and when: separate elements, the person's name rather than the e-mail.
    const actor = latest.locator('.history-who bdi.history-actor');
    await expect(actor.textContent()).resolves.toBe(me.name);
    expect(me.name).not.toBe(DEMO.focalMa);
    await expect(latest.locator('.history-who time').getAttribute('datetime')).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}T/,
    );
    await expect(latest.locator('.history-who').textContent()).resolves.not.toContain('@');

    // In French the arrow points right.
    // A context of its own, signed in like the first: what is under test is the arrow, not tabs.
    const fr = await openSignedIn(
      await newContext(1366, 900),
      `/?lang=fr#activity/${activity.id}`,
      DEMO.focalMa,
    );
    await dialogOpen(fr);
    await expect(
      fr
        .locator('#history-list .history-change[data-field="progressPercent"] .history-arrow')
        .first()
        .textContent(),
    ).resolves.toBe('→');
  });

  it('the plan shows its own years apart from the agreement’s term and says why its period runs on', async () => {
    const agreement = await apiGet(`/api/agreements/${seeded.agreementId}`);
    const context = await newContext();
    const page = await openSignedIn(context, `/?lang=fr#plan/${seeded.planId}`, DEMO.pm);
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
    await expect(page.locator('#plan-years dd').textContent()).resolves.toBe('2025–2026');
    await expect(page.locator('#plan-period dd').textContent()).resolves.toContain('2027');
    await expect(page.locator('#agreement-term-line dd').textContent()).resolves.toContain(
      agreement.expiresOn.slice(0, 4),
    );
    await expect(page.locator('#plan-period-note').textContent()).resolves.toContain('2025–2026');
    await expect(page.locator('#plan-agreement-link').getAttribute('href')).resolves.toBe(
      `#agreement/${seeded.agreementId}`,
    );
  });

  it('the per-country table shows what each country leads apart from what it shares', async () => {
    const progress = await apiGet(`/api/action-plans/${seeded.planId}/progress`);
    const listed = (await apiGet(`/api/action-plans/${seeded.planId}/activities?pageSize=200`))
      .items as { leadPartyCode: string; parts: { partyCode: string; status: string }[] }[];
    const context = await newContext();
    const page = await openSignedIn(context, `/?lang=fr#plan/${seeded.planId}`, DEMO.pm);
    await page.locator('#plan-view[aria-busy="false"]').waitFor();
    for (const code of ['MA', 'CI']) {
      const lead = seeded.activities.filter((a) => a.leadPartyCode === code);
      const shared = seeded.activities.filter(
        (a) => a.leadPartyCode !== code && a.partyCodes.includes(code),
      );
      const row = page.locator(`#by-country tbody tr[data-party="${code}"]`);
      await expect(row.locator('td.country-lead').getAttribute('data-total')).resolves.toBe(
        String(lead.length),
      );
      await expect(row.locator('td.country-shared').getAttribute('data-total')).resolves.toBe(
        String(shared.length),
      );
      // Completed by the country's own part, not by the joint status.
      const ownDone = listed.filter(
        (a) =>
          a.leadPartyCode === code &&
          a.parts.some((p) => p.partyCode === code && p.status === 'completed'),
      );
      await expect(row.locator('td.country-lead').getAttribute('data-completed')).resolves.toBe(
        String(ownDone.length),
      );
    }
    expect(progress.byParty.length).toBeGreaterThan(1);
  });
});
