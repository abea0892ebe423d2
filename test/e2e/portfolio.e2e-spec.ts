import type { Page } from 'playwright-core';
import { MESSAGES } from '../../src/dashboard/i18n';
import { useBrowserApp } from '../support/browser';
import { createEgyptTunisiaAgreement, type SeededPlan, seededPlan } from '../support/fixtures';
import { DEMO, type TestApp } from '../support/test-app';

type EgTn = Awaited<ReturnType<typeof createEgyptTunisiaAgreement>>;

interface Row {
  planId: string;
  title: string;
  agreement: { id: string; status: string; partyCodes: string[] };
  partyCodes: string[];
  startsOn: string;
  endsOn: string;
  activityCount: number;
  completionPercent: number;
  overdueCount: number;
  nextDeadline: { activityId: string; title: string; dueOn: string } | null;
  indicatorCount: number;
  indicatorAchievementPercent: number | null;
  budget: { currency: string; planned: string; spent: string; usePercent: number | null }[];
}
interface PortfolioPage {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /api/portfolio`: every plan the caller may read, with the same figures as its progress. */
describe('the portfolio', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let seeded: SeededPlan;
  let egTn: EgTn;
  /** A second EG–TN plan without activities: no completion, no deadline. */
  let emptyPlanId: string;

  // One app for the API tests and the page tests, on the run's shared Chromium; the page's errors
  // fail the test that caused them (checked after each test).
  const b = useBrowserApp({ setup: async (app) => prepare(app) });
  async function prepare(app: TestApp): Promise<void> {
    t = app;
    seeded = await seededPlan(t);
    egTn = await createEgyptTunisiaAgreement(t);
    const empty = await t.http
      .post(`/api/agreements/${egTn.agreementId}/action-plans`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .send({ title: 'Plan 2027 sans activités', startsOn: '2027-01-01', durationMonths: 12 })
      .expect(201);
    emptyPlanId = empty.body.id;
  }

  const get = async (path: string, email: string = DEMO.pm) =>
    t.http.get(path).set('Authorization', await t.tokenFor(email));
  const portfolio = async (query = '', email: string = DEMO.pm): Promise<PortfolioPage> => {
    const res = await get(`/api/portfolio${query ? `?${query}` : ''}`, email);
    expect(res.status).toBe(200);
    return res.body;
  };
  const ids = (page: PortfolioPage) => page.items.map((r) => r.planId);

  it('shows the seeded plan with the figures of its progress and its agreement’s status', async () => {
    const [page, progress, agreement] = await Promise.all([
      portfolio(),
      get(`/api/action-plans/${seeded.planId}/progress`).then((r) => r.body),
      get(`/api/agreements/${seeded.agreementId}`).then((r) => r.body),
    ]);
    const row = page.items.find((r) => r.planId === seeded.planId)!;
    expect(row).toMatchObject({
      activityCount: progress.total,
      completionPercent: progress.completionPercent,
      overdueCount: progress.overdue,
      partyCodes: ['MA', 'CI'],
      agreement: { id: seeded.agreementId, status: agreement.status, partyCodes: ['MA', 'CI'] },
    });
    // The seed has open work overdue and open work ahead: both figures are meaningful.
    expect(progress.overdue).toBeGreaterThan(0);
    expect(row.nextDeadline).toEqual({
      activityId: progress.nextDeadlines[0].id,
      title: progress.nextDeadlines[0].title,
      translations: progress.nextDeadlines[0].translations,
      dueOn: progress.nextDeadlines[0].dueOn,
    });
    const empty = page.items.find((r) => r.planId === emptyPlanId)!;
    expect(empty).toMatchObject({
      activityCount: 0,
      completionPercent: 0,
      overdueCount: 0,
      nextDeadline: null,
      indicatorCount: 0,
      indicatorAchievementPercent: null,
      budget: [],
    });
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
  });

  it.each(['2025-12-15T12:00:00Z', null])(
    'shows the indicator achievement of the results view and the budget of the plan’s money (clock %s)',
    async (instant) => {
      if (instant) t.clock.set(instant);
      try {
        const [page, results, money] = await Promise.all([
          portfolio(),
          get(`/api/action-plans/${seeded.planId}/results`).then((r) => r.body),
          get(`/api/action-plans/${seeded.planId}/money`).then((r) => r.body),
        ]);
        const row = page.items.find((r) => r.planId === seeded.planId)!;
        expect(results.achievement.indicatorCount).toBeGreaterThan(0);
        expect(row).toMatchObject({
          indicatorCount: results.achievement.indicatorCount,
          indicatorAchievementPercent: results.achievement.percent,
        });
        expect(money.totals.length).toBeGreaterThan(1); // several currencies, never added up
        expect(row.budget).toEqual(
          money.totals.map((m: Row['budget'][number]) => ({
            currency: m.currency,
            planned: m.planned,
            spent: m.spent,
            usePercent: m.usePercent,
          })),
        );
      } finally {
        t.clock.reset();
      }
    },
  );

  it.each([
    [DEMO.pm, ['seed', 'egTn', 'empty']],
    [DEMO.admin, ['seed', 'egTn', 'empty']],
    [DEMO.focalMa, ['seed']],
    [DEMO.focalCi, ['seed']],
    [DEMO.observer, ['seed']],
  ])('%s sees only the plans of agreements it may read', async (email, expected) => {
    const names: Record<string, string> = {
      seed: seeded.planId,
      egTn: egTn.planId,
      empty: emptyPlanId,
    };
    const page = await portfolio('pageSize=200', email);
    expect(ids(page).sort()).toEqual(expected.map((n) => names[n]).sort());
    expect(page.total).toBe(expected.length);
  });

  it('filters by country, theme, agreement status and period', async () => {
    expect(ids(await portfolio('country=EG')).sort()).toEqual([egTn.planId, emptyPlanId].sort());
    expect(ids(await portfolio('country=MA'))).toEqual([seeded.planId]);
    expect(await portfolio('country=FR')).toMatchObject({ items: [], total: 0 });
    // A theme of the seed's activities; the EG–TN activity has none.
    expect(ids(await portfolio('theme=victim_support'))).toEqual([seeded.planId]);
    expect((await portfolio('theme=no_such_theme')).total).toBe(0);
    const status = (await get(`/api/agreements/${egTn.agreementId}`)).body.status;
    expect(ids(await portfolio(`agreementStatus=${status}&country=EG`)).sort()).toEqual(
      [egTn.planId, emptyPlanId].sort(),
    );
    expect((await portfolio('agreementStatus=terminated')).total).toBe(0);
    // Overlap with [periodFrom, periodTo]: EG–TN runs 2026-02-01…2028-01-31, the empty plan 2027.
    expect(
      ids(await portfolio('periodFrom=2027-06-01&periodTo=2027-06-30&country=EG')).sort(),
    ).toEqual([egTn.planId, emptyPlanId].sort());
    expect(ids(await portfolio('periodTo=2026-12-31&country=EG'))).toEqual([egTn.planId]);
    expect(ids(await portfolio('periodFrom=2028-01-15&country=EG'))).toEqual([egTn.planId]);
    expect((await portfolio('periodFrom=2028-02-01&country=EG')).total).toBe(0);
  });

  it('derives the agreement’s status as its own view does (expired, tacitly renewed)', async () => {
    t.clock.set('2031-03-01T12:00:00Z');
    try {
      const page = await portfolio();
      for (const agreementId of [seeded.agreementId, egTn.agreementId]) {
        const view = (await get(`/api/agreements/${agreementId}`)).body;
        const rows = page.items.filter((r) => r.agreement.id === agreementId);
        expect(rows.map((r) => r.agreement.status)).toEqual(rows.map(() => view.status));
      }
      expect(ids(await portfolio('agreementStatus=expired')).sort()).toEqual(
        [egTn.planId, emptyPlanId].sort(),
      );
    } finally {
      t.clock.reset();
    }
  });

  it('shows a denounced agreement as terminated once the denunciation has taken effect, as its view does', async () => {
    const pm = await t.tokenFor(DEMO.pm);
    t.clock.set('2026-06-02T12:00:00Z');
    const denounced = await t.http
      .post(`/api/agreements/${egTn.agreementId}/denunciations`)
      .set('Authorization', pm)
      .send({ partyCode: 'EG', notifiedOn: '2026-06-01' })
      .expect(201);
    expect(denounced.body.denunciation.takesEffectOn).toBe('2027-06-01');
    try {
      // Still in force the day before it takes effect, terminated (not expired) from that day on.
      for (const [instant, status] of [
        ['2027-05-31T12:00:00Z', 'in_force'],
        ['2027-07-01T12:00:00Z', 'terminated'],
      ] as const) {
        t.clock.set(instant);
        const view = (await get(`/api/agreements/${egTn.agreementId}`)).body;
        expect(view.status).toBe(status);
        const page = await portfolio(`agreementStatus=${status}&country=EG`);
        expect(ids(page).sort()).toEqual([egTn.planId, emptyPlanId].sort());
        expect(page.items.map((r) => r.agreement.status)).toEqual([view.status, view.status]);
      }
      expect((await portfolio('agreementStatus=expired&country=EG')).total).toBe(0);
    } finally {
      t.clock.set('2026-06-02T12:00:00Z');
      await t.http
        .delete(
          `/api/agreements/${egTn.agreementId}/denunciations/${denounced.body.denunciation.id}`,
        )
        .set('Authorization', pm)
        .expect(200);
      t.clock.reset();
    }
  });

  it('sorts by each key in both orders, figures missing last, and pages through the same order', async () => {
    const all = (await portfolio('pageSize=200')).items;
    const value: Record<string, (r: Row) => string | number | null> = {
      title: (r) => r.title,
      endsOn: (r) => r.endsOn,
      completion: (r) => r.completionPercent,
      overdue: (r) => r.overdueCount,
      nextDeadline: (r) => r.nextDeadline?.dueOn ?? null,
      achievement: (r) => r.indicatorAchievementPercent,
    };
    for (const [sort, of] of Object.entries(value)) {
      for (const order of ['asc', 'desc']) {
        const rows = (await portfolio(`sort=${sort}&order=${order}`)).items;
        expect(rows).toHaveLength(all.length);
        const values = rows.map(of);
        const present = values.filter((v) => v !== null);
        // Nulls (no next deadline) come last in either order.
        expect(values.slice(present.length).every((v) => v === null)).toBe(true);
        const sorted = [...present].sort((a, b) =>
          typeof a === 'number' ? a - (b as number) : String(a).localeCompare(String(b)),
        );
        expect(present).toEqual(order === 'asc' ? sorted : sorted.reverse());
      }
    }
    expect((await portfolio('sort=nextDeadline')).items.at(-1)!.planId).toBe(emptyPlanId);
    expect((await portfolio('sort=overdue&order=desc')).items[0].planId).toBe(seeded.planId);

    const full = ids(await portfolio('sort=overdue&order=desc'));
    const paged = [];
    for (let page = 1; page <= 3; page++) {
      const one = await portfolio(`sort=overdue&order=desc&pageSize=1&page=${page}`);
      expect(one.total).toBe(3);
      paged.push(...ids(one));
    }
    expect(paged).toEqual(full);
    expect(await portfolio('page=9')).toMatchObject({ items: [], total: 3 });
  });

  it.each([
    ['country', 'country=ma!'],
    ['theme', 'theme=Victim Support'],
    ['agreementStatus', 'agreementStatus=signed'],
    ['periodFrom', 'periodFrom=2025-13-01'],
    ['periodTo', 'periodTo=tomorrow'],
    ['periodTo', 'periodFrom=2026-06-01&periodTo=2026-05-31'],
    ['sort', 'sort=budget'],
    ['order', 'order=up'],
    ['page', 'page=0'],
    ['pageSize', 'pageSize=201'],
    ['colour', 'colour=red'],
  ])('refuses a bad %s with a 400 problem naming it (%s)', async (field, query) => {
    const res = await get(`/api/portfolio?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('asks for a session', async () => {
    await t.http.get('/api/portfolio').expect(401);
  });

  describe('in the page', () => {
    /** Signed in through the API (the login form has its own tests), the address empty: the landing. */
    async function signIn(lang: 'fr' | 'ar', width: number, email: string): Promise<Page> {
      const page = await b.newPage({
        lang,
        width,
        height: 800,
        user: email,
        path: `/?lang=${lang}`,
      });
      await page.locator('#app-view:not([hidden])').waitFor();
      return page;
    }
    const overflow = (page: Page) =>
      page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

    it('the programme manager lands on the portfolio, filters by country and opens a plan', async () => {
      const page = await signIn('fr', 1280, DEMO.pm);
      await page.locator('#portfolio-list[aria-busy="false"]').waitFor();
      expect(new URL(page.url()).hash).toBe('#portfolio');
      const cards = page.locator('#portfolio-list .pf-card');
      await expect(cards.count()).resolves.toBe(3);
      const seedCard = page.locator(`.pf-card[data-plan-id="${seeded.planId}"]`);
      const progress = (await get(`/api/action-plans/${seeded.planId}/progress`)).body;
      await expect(seedCard.getAttribute('data-overdue')).resolves.toBe(String(progress.overdue));
      await expect(seedCard.getAttribute('data-completion')).resolves.toBe(
        String(progress.completionPercent),
      );

      await page.getByLabel(MESSAGES.fr.pfCountry, { exact: true }).selectOption('MA');
      await page.locator('#portfolio-list[aria-busy="false"][data-country="MA"]').waitFor();
      await expect(cards.count()).resolves.toBe(1);

      await seedCard.locator('a.pf-open').click();
      await page.locator('#plan-view[aria-busy="false"]').waitFor();
      expect(new URL(page.url()).hash).toBe(`#plan/${seeded.planId}`);
    });

    it('a focal point keeps the plans as first screen; the portfolio fits 360 px in Arabic', async () => {
      const page = await signIn('ar', 360, DEMO.focalMa);
      await page.locator('#plan-view[aria-busy="false"]').waitFor();
      await page.evaluate(`location.hash = '#portfolio'`);
      await page.locator('#portfolio-list[aria-busy="false"]').waitFor();
      await expect(page.locator('#portfolio-list .pf-card').count()).resolves.toBe(1);
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
    });
  });
});
