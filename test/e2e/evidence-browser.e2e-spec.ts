import type { Page } from 'playwright-core';
import { useBrowserApp } from '../support/browser';
import { pdfFile, pngFile } from '../support/evidence-files';
import { SeededPlan, seededPlan } from '../support/fixtures';
import { DEMO, TestApp } from '../support/test-app';

/**
 * The evidence panel in a real Chromium: mounted by the page's own module (`evidencePanel`, the
 * function the activity dialog places in each part), uploading through the form with the session's
 * cookie and CSRF header.
 */
describe('the evidence panel in the page', () => {
  jest.setTimeout(90_000);
  let t: TestApp;
  let seeded: SeededPlan;
  const b = useBrowserApp({
    setup: async (app) => {
      t = app;
      seeded = await seededPlan(t);
    },
    actionTimeout: 20_000,
    // The mismatched file is refused on purpose (Chromium logs the refused upload); any other console
    // error fails the test, as a page error does.
    allowedConsoleErrors:
      /Failed to load resource: the server responded with a status of (400|415|422)/,
  });

  const workshop = async () =>
    (
      await t.http
        .post(`/api/action-plans/${seeded.planId}/activities`)
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .send({
          title: `Atelier ${Math.random()}`,
          type: 'workshop',
          leadPartyCode: 'MA',
          partyCodes: ['MA', 'CI'],
          dueOn: '2026-11-30',
        })
        .expect(201)
    ).body as { id: string; leadPartyCode: string; partyCodes: string[] };

  /** A page signed in as `email` through the API (the login form has its own tests), plans shown. */
  async function signedInPage(email: string): Promise<Page> {
    const page = await b.newPage({ user: email, width: 1280, path: '/#plans' });
    await page.locator('#plan-title').waitFor();
    return page;
  }

  /** Mounts the panel of `partyCode`'s part the way the activity dialog does: one exported call. */
  async function mountPanel(page: Page, activity: object, partyCode: string) {
    // A string, evaluated in the page: the page's own module instance (same session, same api.js).
    await page.evaluate(`(async () => {
      const { evidencePanel } = await import('/assets/evidence-panel.js');
      const panel = evidencePanel(${JSON.stringify(activity)}, { partyCode: ${JSON.stringify(partyCode)} });
      panel.id = 'evidence-under-test';
      document.body.append(panel);
    })()`);
    return page.locator('#evidence-under-test');
  }

  it("focal.ma uploads an agenda and an attendance list to Morocco's part (a mismatched file is refused), the checklist ticks, the part completes", async () => {
    const activity = await workshop();
    const page = await signedInPage(DEMO.focalMa);
    const panel = await mountPanel(page, activity, 'MA');
    await panel.locator('.evidence-checklist li[data-kind="agenda"].missing').waitFor();
    await panel.locator('.evidence-checklist li[data-kind="attendance_list"].missing').waitFor();

    await panel.locator('select[name="kind"]').selectOption('agenda');
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'Ordre du jour.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile(),
    });
    await panel.locator('button[type="submit"]').click();
    await panel.locator('.evidence-file[data-kind="agenda"]').waitFor();
    await panel.locator('.evidence-checklist li[data-kind="agenda"].present').waitFor();

    await panel.locator('select[name="kind"]').selectOption('attendance_list');
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'presence.png',
      mimeType: 'image/png',
      buffer: pngFile(),
    });
    await panel.locator('button[type="submit"]').click();
    await panel.locator('.evidence-checklist li[data-kind="attendance_list"].present').waitFor();
    await expect(
      panel.locator('.evidence-file .evidence-download').allTextContents(),
    ).resolves.toEqual(['Ordre du jour.pdf', 'presence.png']);

    // A file whose content is not its name is refused, said in the panel, and nothing is added.
    await panel.locator('select[name="kind"]').selectOption('report');
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'rapport.pdf',
      mimeType: 'application/pdf',
      buffer: pngFile(),
    });
    await panel.locator('button[type="submit"]').click();
    await panel.locator('.evidence-status .notice.error').waitFor();
    await expect(panel.locator('.evidence-file').count()).resolves.toBe(2);

    const listed = await t.http
      .get(`/api/activities/${activity.id}/evidence`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .expect(200);
    expect(
      listed.body.items.map((i: { partyCode: string; kind: string }) => [i.partyCode, i.kind]),
    ).toEqual([
      ['MA', 'agenda'],
      ['MA', 'attendance_list'],
    ]);
    expect(listed.body.requirements[0]).toMatchObject({ partyCode: 'MA', missing: [] });
    const current = await t.http
      .get(`/api/activities/${activity.id}`)
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .expect(200);
    const part = current.body.parts.find((p: { partyCode: string }) => p.partyCode === 'MA');
    const done = await t.http
      .patch(`/api/activities/${activity.id}/parts/MA`)
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .send({ status: 'completed', version: part.version })
      .expect(200);
    expect(done.body.status).toBe('in_progress');
  });

  it("another party's focal point reads Morocco's part without an upload form", async () => {
    const activity = await workshop();
    const page = await signedInPage(DEMO.focalCi);
    const panel = await mountPanel(page, activity, 'MA');
    await panel.locator('.evidence-checklist li[data-kind="agenda"]').waitFor();
    await expect(panel.locator('form.evidence-upload').count()).resolves.toBe(0);
  });
});
