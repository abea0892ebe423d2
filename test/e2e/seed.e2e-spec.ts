import { seed } from '../../src/database/seed/seed';
import { seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, DEMO_PASSWORD, TestApp } from '../support/test-app';

const TABLES = [
  'parties',
  'users',
  'agreements',
  'action_plans',
  'activities',
  'observer_grants',
  'agreement_renewals',
  'activity_history',
  'committee_meetings',
  'meeting_baselines',
  'result_objectives',
  'result_indicators',
  'result_targets',
  'result_values',
  'result_value_history',
  'result_period_validations',
] as const;

async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const rows: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    counts[table] = rows[0].n;
  }
  return counts;
}

const NOTHING_CREATED = {
  parties: 0,
  users: 0,
  agreements: 0,
  action_plans: 0,
  activities: 0,
  observer_grants: 0,
  committee_meetings: 0,
  result_objectives: 0,
  result_indicators: 0,
};

describe('seed on an already seeded database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates nothing and changes no table, even on another day and with another password', async () => {
    const before = await tableCounts(t);
    expect(before.parties).toBeGreaterThanOrEqual(13);
    expect(before.activities).toBeGreaterThanOrEqual(12);

    const today = new Date().toISOString().slice(0, 10);
    expect((await seed(t.dataSource, { password: DEMO_PASSWORD, today })).created).toEqual(
      NOTHING_CREATED,
    );
    expect(
      (await seed(t.dataSource, { password: 'another-password', today: '2030-01-01' })).created,
    ).toEqual(NOTHING_CREATED);
    expect(await tableCounts(t)).toEqual(before);

    // Existing accounts keep their password.
    await t.http
      .post('/api/auth/login')
      .send({ email: DEMO.pm, password: DEMO_PASSWORD })
      .expect(200);
  });

  it('rejects a malformed seeding day before touching anything', async () => {
    const before = await tableCounts(t);
    await expect(
      seed(t.dataSource, { password: DEMO_PASSWORD, today: '2026-02-30' }),
    ).rejects.toThrow(RangeError);
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('seed on an empty database', () => {
  let t: TestApp;
  // Outside Ramadan, Casablanca is UTC+1: 12:00 UTC is the same day there.
  const TODAY = '2026-06-15';

  beforeAll(async () => {
    t = await createTestApp({ seeded: false });
    t.clock.set(`${TODAY}T12:00:00Z`);
  });
  afterAll(() => t.close());

  it('starts without any data: the demo accounts cannot log in', async () => {
    expect(await tableCounts(t)).toEqual(Object.fromEntries(TABLES.map((table) => [table, 0])));
    await t.http
      .post('/api/auth/login')
      .send({ email: DEMO.admin, password: DEMO_PASSWORD })
      .expect(401);
  });

  it('a first run loads the parties, accounts, MoU, plan and activities', async () => {
    const { created } = await seed(t.dataSource, { password: DEMO_PASSWORD, today: TODAY });
    expect(created).toMatchObject({
      parties: 13,
      users: 5,
      agreements: 1,
      action_plans: 1,
      observer_grants: 1,
      committee_meetings: 2,
      result_objectives: 4,
      result_indicators: 6,
    });
    expect(created.activities).toBeGreaterThanOrEqual(12);
    const counts = await tableCounts(t);
    expect(counts).toMatchObject({
      parties: 13,
      users: 5,
      agreements: 1,
      action_plans: 1,
      activities: created.activities,
      observer_grants: 1,
      // Six indicators, two 2025 half-years, both parties; each value's first report in its history.
      result_targets: 13,
      result_values: 24,
      result_value_history: 24,
      result_period_validations: 1,
    });
  });

  it('gives every demo account a working login with the seed password', async () => {
    for (const email of Object.values(DEMO)) {
      await t.http.post('/api/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
    }
  });

  it('shows a plan with completed, overdue and imminent work through the API', async () => {
    const plan = await seededPlan(t);
    const progress = await t.http
      .get(`/api/action-plans/${plan.planId}/progress`)
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .expect(200);
    expect(progress.body.today).toBe(TODAY);
    expect(progress.body.total).toBe(plan.activities.length);
    expect(progress.body.total).toBeGreaterThanOrEqual(12);
    expect(progress.body.overdue).toBeGreaterThanOrEqual(3);
    expect(progress.body.dueNext30Days).toBeGreaterThanOrEqual(3);
    expect(progress.body.byStatus.completed).toBeGreaterThanOrEqual(1);

    const agreement = await t.http
      .get(`/api/agreements/${plan.agreementId}`)
      .set('Authorization', await t.tokenFor(DEMO.observer))
      .expect(200);
    expect(agreement.body).toMatchObject({
      signedOn: '2025-04-08',
      expiresOn: '2027-04-07',
      noticeDeadlineOn: '2027-01-07',
      partyCodes: ['MA', 'CI'],
      // Entry into force computed from both parties' notifications, on the signature day.
      entryIntoForceOn: '2025-04-08',
      lifecycle: {
        stage: 'in_force',
        clause: { basis: 'days_after_last_notification', count: 0 },
        entryIntoForceOn: '2025-04-08',
        awaitingNotificationFrom: [],
      },
    });
    expect(agreement.body.lifecycle.notifications).toHaveLength(2);
  });

  it('gives the demo plan its first follow-up committee (held, with a baseline) and the next one', async () => {
    const plan = await seededPlan(t);
    const pm = await t.tokenFor(DEMO.pm);
    const res = await t.http
      .get(`/api/action-plans/${plan.planId}/meetings`)
      .set('Authorization', pm)
      .expect(200);
    const items = res.body.items as {
      id: string;
      status: string;
      heldOn: string;
      baselineTakenAt: string | null;
      decisions: unknown[];
    }[];
    // 45 days before the seeding day, and 30 days after it.
    expect(items.map((m) => [m.status, m.heldOn])).toEqual([
      ['planned', '2026-07-15'],
      ['held', '2026-05-01'],
    ]);
    expect(items[1].baselineTakenAt).not.toBeNull();
    expect(items[1].decisions).toHaveLength(2);
    const changes = await t.http
      .get(`/api/action-plans/${plan.planId}/meetings/${items[0].id}/changes`)
      .set('Authorization', pm)
      .expect(200);
    expect(changes.body.previousMeeting).toEqual({ id: items[1].id, heldOn: '2026-05-01' });
    expect(changes.body.changes.length).toBeGreaterThan(0);
  });

  it('a second run creates nothing and changes no table', async () => {
    const before = await tableCounts(t);
    const { created } = await seed(t.dataSource, { password: DEMO_PASSWORD, today: TODAY });
    expect(created).toEqual(NOTHING_CREATED);
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('seeds started at the same time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seeded: false });
  });
  afterAll(() => t.close());

  it('insert the demo data once between them', async () => {
    const today = '2026-06-15';
    const results = await Promise.all([
      seed(t.dataSource, { password: DEMO_PASSWORD, today }),
      seed(t.dataSource, { password: DEMO_PASSWORD, today }),
    ]);
    const sum = (table: keyof typeof NOTHING_CREATED) =>
      results.reduce((total, r) => total + r.created[table], 0);
    expect(sum('parties')).toBe(13);
    expect(sum('users')).toBe(5);
    expect(sum('agreements')).toBe(1);
    expect(sum('action_plans')).toBe(1);
    const counts = await tableCounts(t);
    expect(counts).toMatchObject({ parties: 13, users: 5, agreements: 1, action_plans: 1 });
    expect(counts.activities).toBe(sum('activities'));
  });
});
