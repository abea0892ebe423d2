import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { budgetUseByPlan } from '../../src/money/money-sql';
import type { Page } from 'playwright-core';
import { useBrowserApp } from '../support/browser';
import { binary } from '../support/export-files';
import { seededPlan } from '../support/fixtures';
import { DEMO, type TestApp } from '../support/test-app';

const IATI_SCHEMA = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'reference',
  'iati-2.03',
  'iati-activities-schema.xsd',
);

interface Amounts {
  currency: string;
  planned: string;
  spent: string;
  usePercent: number | null;
}

/**
 * Money of activities (issue 10): budget lines and spending per activity, plan totals per currency,
 * who may record what, validation, history, versions, the portfolio's SQL and the IATI file. On a plan
 * of its own (an MA-led activity with CI, and a CI-only one), so that every figure is exact.
 */
/** With REVIEW_SCREENSHOTS=1, what a person sees (git-ignored artifacts). */
async function review(page: Page, selector: string, name: string): Promise<void> {
  if (!process.env.REVIEW_SCREENSHOTS) return;
  const dir = path.join(__dirname, '..', 'artifacts', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.locator(selector).screenshot({ path: path.join(dir, name) });
}

describe('money', () => {
  let t: TestApp;
  let planId: string;
  let joint: string; // MA leads, CI takes part
  let ciOnly: string;
  const as = (email: string) => t.tokenFor(email);
  const count = async (table: string) =>
    (
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE plan_id = $1`, [
        planId,
      ])) as { n: number }[]
    )[0].n;
  const post = async (email: string, url: string, body: object) =>
    t.http
      .post(url)
      .set('Authorization', await as(email))
      .send(body);

  /** A 201, or the answer in the failure message. */
  const created = (res: Awaited<ReturnType<typeof post>>) => {
    expect([res.status, res.status === 201 ? '' : res.text]).toEqual([201, '']);
    return res;
  };

  // One app for the API tests and the page test, on the run's shared Chromium.
  const b = useBrowserApp({ setup: async (app) => prepare(app), actionTimeout: 20_000 });
  async function prepare(app: TestApp): Promise<void> {
    t = app;
    t.clock.set('2026-06-15T10:00:00Z');
    const seeded = await seededPlan(t);
    const pm = await as(DEMO.pm);
    const plan = await t.http
      .post(`/api/agreements/${seeded.agreementId}/action-plans`)
      .set('Authorization', pm)
      .send({ title: 'Plan money', startsOn: '2026-01-01', durationMonths: 12 })
      .expect(201);
    planId = plan.body.id;
    const activity = async (body: object) =>
      (
        await t.http
          .post(`/api/action-plans/${planId}/activities`)
          .set('Authorization', pm)
          .send({ type: 'workshop', dueOn: '2026-11-30', ...body })
          .expect(201)
      ).body.id as string;
    joint = await activity({
      title: 'Atelier conjoint',
      leadPartyCode: 'MA',
      partyCodes: ['MA', 'CI'],
      plannedStartOn: '2026-03-01',
    });
    ciOnly = await activity({ title: 'Formation CI', leadPartyCode: 'CI', partyCodes: ['CI'] });
  }

  it('the demo plan has budgets and spending in EUR (IOM, EU), MAD (Morocco) and XOF (Côte d’Ivoire)', async () => {
    const seeded = await seededPlan(t);
    const res = await t.http
      .get(`/api/action-plans/${seeded.planId}/money`)
      .set('Authorization', await as(DEMO.focalCi))
      .expect(200);
    expect(res.body.currencies).toEqual(['EUR', 'MAD', 'XOF']);
    expect(res.body.totals[0]).toEqual({
      currency: 'EUR',
      planned: '61000.00',
      spent: '30051.25',
      usePercent: 49,
    });
    expect(
      res.body.byFunder.map((f: { funderPartyCode: string }) => f.funderPartyCode).sort(),
    ).toEqual(['CI', 'EU', 'IOM', 'MA']);
  });

  it('records budget and spending by the rule: managers any part, a focal point its own party', async () => {
    const budget = `/api/activities/${joint}/budget-lines`;
    const spending = `/api/activities/${joint}/spending`;
    // A manager: the whole activity, funded by IOM (a registered party: its name is the funder's).
    const iom = await post(DEMO.pm, budget, {
      amount: 1000.1,
      currency: 'EUR',
      funderPartyCode: 'IOM',
    }).then(created);
    expect(iom.body).toMatchObject({
      amount: '1000.10',
      currency: 'EUR',
      funderPartyCode: 'IOM',
      partyCode: null,
      version: 1,
    });
    expect(iom.body.funder).toMatch(/migrations/i);
    await post(DEMO.pm, budget, {
      amount: '0.20',
      currency: 'EUR',
      funder: 'Union européenne',
    }).then(created);
    // A focal point of MA: MA's part by default, funded by Morocco.
    const ma = await post(DEMO.focalMa, budget, {
      amount: '5000',
      currency: 'MAD',
      funderPartyCode: 'MA',
    }).then(created);
    expect(ma.body).toMatchObject({ amount: '5000.00', partyCode: 'MA', funderPartyCode: 'MA' });
    await post(DEMO.focalMa, spending, {
      amount: '1250.5',
      currency: 'MAD',
      funderPartyCode: 'MA',
      spentOn: '2026-04-02',
      reference: 'FAC-2026-17',
    }).then(created);
    await post(DEMO.pm, spending, {
      amount: 250.05,
      currency: 'EUR',
      funderPartyCode: 'IOM',
      partyCode: 'CI',
      spentOn: '2026-05-10',
      note: 'Billets',
    }).then(created);
    await post(DEMO.focalCi, `/api/activities/${ciOnly}/spending`, {
      amount: '300',
      currency: 'XOF',
      funder: 'Côte d’Ivoire',
      spentOn: '2026-06-15',
    }).then(created);

    // Not one's own part, the whole activity, or an observer: 403, and nothing is written.
    const before = await count('activity_budget_lines');
    for (const [email, body] of [
      [DEMO.focalCi, { partyCode: 'MA' }],
      [DEMO.focalMa, { partyCode: null }],
      [DEMO.observer, {}],
    ] as const) {
      const res = await post(email, budget, { amount: 1, currency: 'EUR', funder: 'X', ...body });
      expect([email, res.status]).toEqual([email, 403]);
    }
    expect(await count('activity_budget_lines')).toBe(before);

    const list = await t.http
      .get(budget)
      .set('Authorization', await as(DEMO.observer))
      .expect(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.totals).toEqual([
      { currency: 'EUR', amount: '1000.30' },
      { currency: 'MAD', amount: '5000.00' },
    ]);
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const url = `/api/activities/${joint}/spending`;
    const good = { amount: '10', currency: 'EUR', funder: 'IOM', spentOn: '2026-06-01' };
    const before = await count('activity_spending');
    const cases: [object, string][] = [
      [{ currency: 'EURO' }, 'currency'],
      [{ currency: 'ZZZ' }, 'currency'],
      [{ currency: 'eur' }, 'currency'],
      [{ amount: 0 }, 'amount'],
      [{ amount: '-5' }, 'amount'],
      [{ amount: '1.234' }, 'amount'],
      [{ amount: 0.1 + 0.2 }, 'amount'],
      [{ amount: '1e3' }, 'amount'],
      [{ amount: '10000000000000000' }, 'amount'],
      [{ amount: null }, 'amount'],
      [{ spentOn: '2026-06-16' }, 'spentOn'], // tomorrow in Casablanca
      [{ spentOn: '1999-12-31' }, 'spentOn'],
      [{ spentOn: '2026-02-30' }, 'spentOn'],
      [{ partyCode: 'EG' }, 'partyCode'],
      [{ funderPartyCode: 'NOPE' }, 'funderPartyCode'],
      [{ funder: undefined }, 'funder'],
      [{ funder: '   ' }, 'funder'],
      [{ note: 'x'.repeat(2001) }, 'note'],
    ];
    for (const [change, field] of cases) {
      const res = await post(DEMO.pm, url, { ...good, ...change });
      expect([change, res.status]).toEqual([change, 400]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([change, JSON.stringify(res.body.errors)]).toEqual([
        change,
        expect.stringContaining(`"${field}"`),
      ]);
    }
    expect(await count('activity_spending')).toBe(before);
  });

  it('edits with the version read (409 when stale), deletes, and records each change in history', async () => {
    const pm = await as(DEMO.pm);
    const line = await post(DEMO.focalMa, `/api/activities/${joint}/budget-lines`, {
      amount: '99.99',
      currency: 'EUR',
      funder: 'Donateur',
    }).then(created);
    const url = `/api/activities/${joint}/budget-lines/${line.body.id}`;
    const changed = await t.http
      .patch(url)
      .set('Authorization', await as(DEMO.focalMa))
      .set('If-Match', '"1"')
      .send({ amount: '120', note: 'révisé' })
      .expect(200);
    expect(changed.body).toMatchObject({ amount: '120.00', version: 2, note: 'révisé' });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await t.http.patch(url).set('Authorization', pm).send({ amount: 5, version: 1 });
    expect(stale.status).toBe(409);
    // CI's focal point may not touch MA's line, nor move it to CI.
    await t.http
      .patch(url)
      .set('Authorization', await as(DEMO.focalCi))
      .send({ partyCode: 'CI', version: 2 })
      .expect(403);
    await t.http.delete(`${url}?version=1`).set('Authorization', pm).expect(409);
    await t.http.delete(`${url}?version=2`).set('Authorization', pm).expect(204);
    await t.http.delete(`${url}?version=2`).set('Authorization', pm).expect(404);

    const history = await t.http
      .get(`/api/activities/${joint}/history?pageSize=100`)
      .set('Authorization', pm)
      .expect(200);
    const rows = (
      history.body.items as { field: string; fromValue: unknown; toValue: unknown }[]
    ).filter((h) => /budget|spending/.test(h.field));
    expect(rows.map((r) => [r.field, r.fromValue, r.toValue])).toEqual(
      expect.arrayContaining([
        ['budget', null, ['1000.10', 'EUR', expect.stringMatching(/migrations/i)]],
        ['parts.MA.budget', null, ['5000.00', 'MAD', expect.any(String)]],
        [
          'parts.MA.spending',
          null,
          ['1250.50', 'MAD', expect.any(String), '2026-04-02', 'FAC-2026-17'],
        ],
        ['parts.MA.budget', null, ['99.99', 'EUR', 'Donateur']],
        ['parts.MA.budget', ['99.99', 'EUR', 'Donateur'], ['120.00', 'EUR', 'Donateur', 'révisé']],
        ['parts.MA.budget', ['120.00', 'EUR', 'Donateur', 'révisé'], null],
      ]),
    );
  });

  it('totals per plan, party and funder, each in its own currency; the portfolio SQL agrees', async () => {
    const res = await t.http
      .get(`/api/action-plans/${planId}/money`)
      .set('Authorization', await as(DEMO.observer))
      .expect(200);
    const money = res.body as {
      currencies: string[];
      totals: Amounts[];
      byParty: { partyCode: string | null; amounts: Amounts[] }[];
      byFunder: { funder: string; funderPartyCode: string | null; amounts: Amounts[] }[];
    };
    expect(money.currencies).toEqual(['EUR', 'MAD', 'XOF']);
    expect(money.totals).toEqual([
      { currency: 'EUR', planned: '1000.30', spent: '250.05', usePercent: 25 },
      { currency: 'MAD', planned: '5000.00', spent: '1250.50', usePercent: 25 },
      { currency: 'XOF', planned: '0.00', spent: '300.00', usePercent: null },
    ]);
    expect(money.byParty).toEqual([
      {
        partyCode: 'CI',
        amounts: [
          { currency: 'EUR', planned: '0.00', spent: '250.05', usePercent: null },
          { currency: 'XOF', planned: '0.00', spent: '300.00', usePercent: null },
        ],
      },
      {
        partyCode: 'MA',
        amounts: [{ currency: 'MAD', planned: '5000.00', spent: '1250.50', usePercent: 25 }],
      },
      {
        partyCode: null,
        amounts: [{ currency: 'EUR', planned: '1000.30', spent: '0.00', usePercent: 0 }],
      },
    ]);
    const funders = Object.fromEntries(
      money.byFunder.map((f) => [f.funderPartyCode ?? f.funder, f.amounts]),
    );
    expect(funders).toEqual({
      IOM: [{ currency: 'EUR', planned: '1000.10', spent: '250.05', usePercent: 25 }],
      MA: [{ currency: 'MAD', planned: '5000.00', spent: '1250.50', usePercent: 25 }],
      'Union européenne': [{ currency: 'EUR', planned: '0.20', spent: '0.00', usePercent: 0 }],
      'Côte d’Ivoire': [{ currency: 'XOF', planned: '0.00', spent: '300.00', usePercent: null }],
    });

    const rows: { currency: string; planned: string; spent: string }[] = await t.dataSource.query(
      `SELECT currency, planned::text, spent::text FROM (${budgetUseByPlan()}) m
        WHERE m.plan_id = $1 ORDER BY currency`,
      [planId],
    );
    expect(rows).toEqual(
      money.totals.map(({ currency, planned, spent }) => ({ currency, planned, spent })),
    );

    // Another party's plan is invisible.
    const other = await t.http
      .get(`/api/action-plans/00000000-0000-4000-8000-000000000000/money`)
      .set('Authorization', await as(DEMO.pm));
    expect(other.status).toBe(404);
  });

  it('the IATI file validates and carries the same budgets and spending as the money totals', async () => {
    const res = await t.http
      .get(`/api/action-plans/${planId}/iati.xml`)
      .set('Authorization', await as(DEMO.pm))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'accords-money-iati-'));
    try {
      const xmlFile = path.join(dir, 'plan.xml');
      writeFileSync(xmlFile, res.body as Buffer);
      const lint = spawnSync('xmllint', ['--noout', '--schema', IATI_SCHEMA, xmlFile], {
        encoding: 'utf8',
      });
      expect(lint.stderr).toContain('validates');
      expect(lint.status).toBe(0);
      const xpath = (expression: string) =>
        spawnSync('xmllint', ['--xpath', expression, xmlFile], { encoding: 'utf8' }).stdout.trim();
      const money = (
        await t.http
          .get(`/api/action-plans/${planId}/money`)
          .set('Authorization', await as(DEMO.pm))
          .expect(200)
      ).body as { totals: Amounts[] };
      for (const total of money.totals) {
        const sum = (kind: string) =>
          Number(xpath(`sum(//${kind}/value[@currency='${total.currency}'])`)).toFixed(2);
        expect([total.currency, sum('budget'), sum('transaction')]).toEqual([
          total.currency,
          total.planned,
          total.spent,
        ]);
      }
      const activity = `//iati-activity[iati-identifier='XM-DAC-47066-ACCORDS-${joint}']`;
      expect(
        xpath(`string(${activity}/budget[value/@currency='MAD']/period-start/@iso-date)`),
      ).toBe('2026-03-01');
      expect(xpath(`string(${activity}/budget[value/@currency='MAD']/period-end/@iso-date)`)).toBe(
        '2026-11-30',
      );
      const madSpending = `${activity}/transaction[value/@currency='MAD']`;
      expect(xpath(`string(${madSpending}/transaction-type/@code)`)).toBe('4');
      expect(xpath(`string(${madSpending}/@ref)`)).toBe('FAC-2026-17');
      expect(xpath(`string(${madSpending}/value/@value-date)`)).toBe('2026-04-02');
      expect(xpath(`string(${madSpending}/value)`)).toBe('1250.50');
      expect(
        xpath(`string(${activity}/transaction[value/@currency='EUR']/receiver-org/narrative)`),
      ).toMatch(/Ivoire/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('in Chromium (Arabic, 360 px): focal.ma records spending on its part; the plan shows each currency', async () => {
    // Signed in through the API (the login form has its own tests), straight to the activity.
    const page: Page = await b.newPage({
      lang: 'ar',
      width: 360,
      user: DEMO.focalMa,
      path: `/?lang=ar#activity/${joint}`,
    });
    const panel = page.locator('#money-panel');
    await panel.locator('#money-budget-list .money-entry').first().waitFor();
    // Amounts in their own currency, formatted for the page's language (page-side code as a string).
    const money = (amount: string, currency: string) =>
      page.evaluate<string>(`(async () => {
        const { fmtMoney } = await import('/assets/money-panel.js');
        return fmtMoney(${JSON.stringify(amount)}, ${JSON.stringify(currency)});
      })()`);
    const madLine = panel.locator('#money-budget-list .money-entry[data-currency="MAD"]');
    await expect(madLine.locator('.money-amount').textContent()).resolves.toBe(
      await money('5000.00', 'MAD'),
    );
    expect(await money('5000.00', 'MAD')).toMatch(/[٠-٩]|5/);
    // Only Morocco's part is offered to Morocco's focal point; it can change its line, not IOM's.
    await expect(panel.locator('#money-part option').count()).resolves.toBe(1);
    await expect(madLine.locator('.money-edit').count()).resolves.toBe(1);
    await expect(
      panel.locator('#money-budget-list .money-entry[data-currency="EUR"] .money-edit').count(),
    ).resolves.toBe(0);

    const before = await panel.locator('#money-spending-list .money-entry').count();
    await panel.locator('#money-kind').selectOption('spending');
    await panel.locator('#money-amount').fill('75.25');
    await panel.locator('#money-currency').fill('MAD');
    await panel.locator('#money-funder').selectOption('MA');
    await panel.locator('#money-spent-on').fill('2026-06-10');
    await panel.locator('#money-save').click();
    await panel.locator('.money-status .notice.success').waitFor();
    // The list reloads after the success message: the new entry appears in it.
    await panel.locator('#money-spending-list .money-entry').nth(before).waitFor();
    const spent = await t.http
      .get(`/api/activities/${joint}/spending`)
      .set('Authorization', await as(DEMO.pm))
      .expect(200);
    expect(spent.body.items).toContainEqual(
      expect.objectContaining({
        amount: '75.25',
        currency: 'MAD',
        partyCode: 'MA',
        spentOn: '2026-06-10',
      }),
    );
    // A bad currency is refused and said in the panel.
    await panel.locator('#money-amount').fill('1');
    await panel.locator('#money-currency').fill('XYZ');
    await panel.locator('#money-save').click();
    await panel.locator('.money-status .notice.error').waitFor();

    const overflow = (selector: string) =>
      page.evaluate<{ scrollWidth: number; innerWidth: number; wider: string[] }>(`(() => {
        const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
        const wider = [...document.querySelectorAll(${JSON.stringify(selector)} + ' *')]
          .filter((el) => { const r = el.getBoundingClientRect();
                            return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1); })
          .filter((el) => !el.closest('.table-wrap'))
          .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + el.className);
        return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth,
                 wider: wider.slice(0, 5) };
      })()`);
    await review(page, '#money-panel', 'money-panel-ar-360.png');
    const inDialog = await overflow('#money-panel');
    expect(inDialog).toEqual({ ...inDialog, scrollWidth: inDialog.innerWidth, wider: [] });

    // The plan: totals per currency, party and funder, never one sum across currencies.
    await page.keyboard.press('Escape');
    await page.goto(`${b.base}/?lang=ar#plan/${planId}`);
    const totals = page.locator('#plan-money-totals tbody tr');
    await totals.first().waitFor();
    await expect(
      totals.evaluateAll((rows) =>
        rows.map((r) => (r as unknown as { dataset: { currency: string } }).dataset.currency),
      ),
    ).resolves.toEqual(['EUR', 'MAD', 'XOF']);
    await expect(
      page.locator('#plan-money-totals tbody tr[data-currency="MAD"] td').first().textContent(),
    ).resolves.toBe(await money('5000.00', 'MAD'));
    await expect(page.locator('#plan-money-funders tbody tr').count()).resolves.toBe(4);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await review(page, '#plan-money', 'plan-money-ar-360.png');
    const inPlan = await overflow('#plan-money');
    expect(inPlan).toEqual({ ...inPlan, scrollWidth: inPlan.innerWidth, wider: [] });
  });
});
