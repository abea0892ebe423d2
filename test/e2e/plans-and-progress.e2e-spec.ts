import { SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

/** What the activities list answers for one activity (the fields these tests use). */
interface ListedActivity {
  id: string;
  title: string;
  description: string | null;
  notes: string | null;
  type: string;
  themes: string[];
  leadPartyCode: string;
  partyCodes: string[];
  dueOn: string;
  status: string;
  progressPercent: number;
  overdue: boolean;
  parts: { partyCode: string; status: string; progressPercent: number }[];
}

// Calendar arithmetic done here, independently of src/common/time.
const MS_PER_DAY = 86_400_000;
const localDate = (timeZone: string, instant: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
const isOpen = (a: { status: string }) => a.status !== 'completed' && a.status !== 'cancelled';
const sortedIds = (items: { id: string }[]) => items.map((a) => a.id).sort();

describe('action plans, activities and progress', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  const bearer = (email: string) => t.tokenFor(email);
  const pmGet = async (path: string) =>
    (
      await t.http
        .get(path)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body;
  const fields = (body: { errors?: { field: string }[] }) =>
    (body.errors ?? []).map((e) => e.field);

  const createPlan = async (body: Record<string, unknown>, agreementId = seeded.agreementId) =>
    (
      await t.http
        .post(`/api/agreements/${agreementId}/action-plans`)
        .set('Authorization', await bearer(DEMO.pm))
        .send(body)
        .expect(201)
    ).body as { id: string; version: number } & Record<string, unknown>;

  const createActivity = async (planId: string, body: Record<string, unknown>) =>
    (
      await t.http
        .post(`/api/action-plans/${planId}/activities`)
        .set('Authorization', await bearer(DEMO.pm))
        .send(body)
        .expect(201)
    ).body as ListedActivity & Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
  });
  afterAll(() => t.close());

  it('runs its statements without parallel workers nor JIT, pricing random reads as an SSD does (the pool sets it on every connection)', async () => {
    const rows: { max_parallel_workers_per_gather: string }[] = await t.dataSource.query(
      'SHOW max_parallel_workers_per_gather',
    );
    expect(rows[0].max_parallel_workers_per_gather).toBe('0');
    const jit: { jit: string }[] = await t.dataSource.query('SHOW jit');
    expect(jit[0].jit).toBe('off');
    const cost: { random_page_cost: string }[] = await t.dataSource.query('SHOW random_page_cost');
    expect(cost[0].random_page_cost).toBe('1.1');
  });

  describe('plans', () => {
    beforeEach(() => t.clock.set('2026-04-08T12:00:00Z'));

    it('lists the plans of an agreement with their computed end and days to expiry', async () => {
      const res = await pmGet(`/api/agreements/${seeded.agreementId}/action-plans`);
      expect(res).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(res.items[0]).toMatchObject({
        id: seeded.planId,
        agreementId: seeded.agreementId,
        startsOn: '2025-04-08',
        durationMonths: 24,
        endsOn: '2027-04-07',
        daysToExpiry: 364,
        renewable: true,
        partyCodes: ['MA', 'CI'],
        timeZone: 'Africa/Casablanca',
      });
    });

    it('gets one plan, with days to expiry following the clock', async () => {
      expect(await pmGet(`/api/action-plans/${seeded.planId}`)).toMatchObject({
        id: seeded.planId,
        endsOn: '2027-04-07',
        daysToExpiry: 364,
      });
      t.clock.set('2027-04-10T12:00:00Z');
      expect(await pmGet(`/api/action-plans/${seeded.planId}`)).toMatchObject({
        daysToExpiry: -3,
      });
    });

    it('creates a plan (201) with the end computed like an agreement term and defaults from the agreement', async () => {
      const before = (await pmGet(`/api/agreements/${seeded.agreementId}/action-plans`)).total;
      const plan = await createPlan({
        title: 'Plan court',
        startsOn: '2026-01-31',
        durationMonths: 1,
      });
      expect(plan).toMatchObject({
        title: 'Plan court',
        agreementId: seeded.agreementId,
        startsOn: '2026-01-31',
        durationMonths: 1,
        endsOn: '2026-02-28',
        daysToExpiry: -39,
        renewable: false,
        partyCodes: ['MA', 'CI'],
        timeZone: 'Africa/Casablanca',
        version: 1,
      });
      const after = await pmGet(`/api/agreements/${seeded.agreementId}/action-plans`);
      expect(after.total).toBe(before + 1);
      expect(after.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    });

    it('takes explicit parties, renewability and time zone', async () => {
      const plan = await createPlan({
        title: 'Plan avec l’OIM',
        startsOn: '2026-03-01',
        durationMonths: 12,
        renewable: true,
        partyCodes: ['MA', 'CI', 'IOM'],
        timeZone: 'Africa/Abidjan',
      });
      expect(plan).toMatchObject({
        endsOn: '2027-02-28',
        renewable: true,
        partyCodes: ['MA', 'CI', 'IOM'],
        timeZone: 'Africa/Abidjan',
      });
    });

    it.each([
      [{}, ['durationMonths', 'startsOn', 'title']],
      [{ title: 'P', startsOn: '2026-02-30', durationMonths: 12 }, ['startsOn']],
      [{ title: 'P', startsOn: '2026-01-01', durationMonths: 0 }, ['durationMonths']],
      [{ title: 'P', startsOn: '2026-01-01', durationMonths: 12, owner: 'x' }, ['owner']],
      [
        { title: 'P', startsOn: '2026-01-01', durationMonths: 12, partyCodes: ['ZZ'] },
        ['partyCodes'],
      ],
      [{ title: 'P', startsOn: '2026-01-01', durationMonths: 12, timeZone: 'UTC+1' }, ['timeZone']],
    ])('rejects the plan %j with a 400 naming %j', async (body, expected) => {
      const res = await t.http
        .post(`/api/agreements/${seeded.agreementId}/action-plans`)
        .set('Authorization', await bearer(DEMO.pm))
        .send(body)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(fields(res.body))].sort()).toEqual(expected);
    });

    it('edits a plan, recomputing its end, and answers 409 to a stale version', async () => {
      const plan = await createPlan({
        title: 'Plan à modifier',
        startsOn: '2026-01-31',
        durationMonths: 1,
      });
      const edited = await t.http
        .patch(`/api/action-plans/${plan.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: 1, durationMonths: 13 })
        .expect(200);
      expect(edited.body).toMatchObject({ endsOn: '2027-02-28', durationMonths: 13, version: 2 });

      const stale = await t.http
        .patch(`/api/action-plans/${plan.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: 1, title: 'Trop tard' })
        .expect(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({ status: 409, currentVersion: 2 });
      expect(await pmGet(`/api/action-plans/${plan.id}`)).toMatchObject({
        title: 'Plan à modifier',
        version: 2,
      });
    });

    it.each([
      [{ title: null }, 'title'],
      [{ startsOn: null }, 'startsOn'],
      [{ renewable: null }, 'renewable'],
      [{ partyCodes: null }, 'partyCodes'],
      [{ timeZone: null }, 'timeZone'],
      [{ version: 99999999999 }, 'version'],
    ])('refuses the plan PATCH %j with a 400 naming %s, changing nothing', async (patch, field) => {
      const plan = await createPlan({
        title: 'Plan intact',
        startsOn: '2026-01-01',
        durationMonths: 6,
      });
      const res = await t.http
        .patch(`/api/action-plans/${plan.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send(patch)
        .expect(400);
      expect([...new Set(fields(res.body))]).toEqual([field]);
      expect(await pmGet(`/api/action-plans/${plan.id}`)).toMatchObject({
        title: 'Plan intact',
        startsOn: '2026-01-01',
        version: 1,
      });
    });

    it('answers 404 for plans of an unknown agreement and 400 for a malformed plan id', async () => {
      const pm = await bearer(DEMO.pm);
      await t.http
        .get('/api/agreements/3f1d2a4e-0000-4000-8000-000000000000/action-plans')
        .set('Authorization', pm)
        .expect(404);
      await t.http
        .post('/api/agreements/3f1d2a4e-0000-4000-8000-000000000000/action-plans')
        .set('Authorization', pm)
        .send({ title: 'P', startsOn: '2026-01-01', durationMonths: 12 })
        .expect(404);
      const bad = await t.http.get('/api/action-plans/12').set('Authorization', pm).expect(400);
      expect(fields(bad.body)).toEqual(['id']);
    });
  });

  describe('activities list filters', () => {
    let all: ListedActivity[];
    const list = async (query: string) =>
      (await pmGet(`/api/action-plans/${seeded.planId}/activities?pageSize=200&${query}`)) as {
        items: ListedActivity[];
        total: number;
      };
    const expectSame = async (query: string, predicate: (a: ListedActivity) => boolean) => {
      const expected = all.filter(predicate);
      const res = await list(query);
      expect(res.total).toBe(expected.length);
      expect(sortedIds(res.items)).toEqual(sortedIds(expected));
      return expected;
    };

    beforeAll(async () => {
      t.clock.set(new Date());
      all = (await list('')).items;
    });

    it('lists all the seeded activities by due date', () => {
      expect(all.length).toBe(seeded.activities.length);
      expect(all.length).toBeGreaterThanOrEqual(12);
      const dues = all.map((a) => a.dueOn);
      expect(dues).toEqual([...dues].sort());
    });

    it('filters by one status', async () => {
      const matched = await expectSame('status=completed', (a) => a.status === 'completed');
      expect(matched.length).toBeGreaterThan(0);
    });

    it('filters by a comma-separated list of statuses', async () => {
      const matched = await expectSame('status=planned,in_progress', (a) =>
        ['planned', 'in_progress'].includes(a.status),
      );
      expect(new Set(matched.map((a) => a.status))).toEqual(new Set(['planned', 'in_progress']));
    });

    it('filters by type, one or several', async () => {
      expect(
        (await expectSame('type=workshop', (a) => a.type === 'workshop')).length,
      ).toBeGreaterThan(1);
      await expectSame('type=meeting,study_visit', (a) =>
        ['meeting', 'study_visit'].includes(a.type),
      );
    });

    it.each(['UNICEF', 'IOM', 'CI', 'MA'])(
      'filters by party %s (lead or taking part)',
      async (party) => {
        const matched = await expectSame(`party=${party}`, (a) => a.partyCodes.includes(party));
        expect(matched.length).toBeGreaterThan(0);
      },
    );

    it('filters by due date, strictly before and strictly after', async () => {
      const pivot = all[Math.floor(all.length / 2)].dueOn;
      const before = await expectSame(`dueBefore=${pivot}`, (a) => a.dueOn < pivot);
      const after = await expectSame(`dueAfter=${pivot}`, (a) => a.dueOn > pivot);
      expect(before.length + after.length).toBe(all.filter((a) => a.dueOn !== pivot).length);
      const low = all[2].dueOn;
      await expectSame(
        `dueAfter=${low}&dueBefore=${pivot}`,
        (a) => a.dueOn > low && a.dueOn < pivot,
      );
    });

    it('filters overdue=true and overdue=false, which partition the list', async () => {
      const today = localDate('Africa/Casablanca', t.clock.now());
      const late = (a: ListedActivity) => isOpen(a) && a.dueOn < today;
      const overdue = await expectSame('overdue=true', late);
      const onTime = await expectSame('overdue=false', (a) => !late(a));
      expect(overdue.length).toBeGreaterThanOrEqual(3);
      expect(overdue.length + onTime.length).toBe(all.length);
      expect(
        all
          .filter((a) => a.overdue)
          .map((a) => a.id)
          .sort(),
      ).toEqual(sortedIds(overdue));
    });

    it('searches case-insensitively with q', async () => {
      const contains = (a: ListedActivity, word: string) =>
        [a.title, a.description, a.notes].some((s) => s?.toLowerCase().includes(word));
      const matched = await expectSame('q=ATELIER', (a) => contains(a, 'atelier'));
      expect(matched.filter((a) => a.title.startsWith('Atelier')).length).toBeGreaterThanOrEqual(3);
      await expectSame(`q=${encodeURIComponent('SENSIBILISATION')}`, (a) =>
        contains(a, 'sensibilisation'),
      );
      expect((await list('q=zzzz-nothing')).total).toBe(0);
    });

    it('treats % and _ in q literally', async () => {
      expect((await list('q=%25')).total).toBe(0);
      expect((await list('q=_')).total).toBe(0);
    });

    it('combines filters', async () => {
      await expectSame(
        'party=CI&type=workshop&status=completed',
        (a) => a.partyCodes.includes('CI') && a.type === 'workshop' && a.status === 'completed',
      );
    });

    it('paginates: page 2 of 5 is the sixth to tenth activity, with the total', async () => {
      const res = await pmGet(`/api/action-plans/${seeded.planId}/activities?pageSize=5&page=2`);
      expect(res).toMatchObject({ total: all.length, page: 2, pageSize: 5 });
      expect(res.items.map((a: ListedActivity) => a.id)).toEqual(all.slice(5, 10).map((a) => a.id));
      const last = Math.ceil(all.length / 5);
      const tail = await pmGet(
        `/api/action-plans/${seeded.planId}/activities?pageSize=5&page=${last}`,
      );
      expect(tail.items).toHaveLength(all.length - (last - 1) * 5);
      const beyond = await pmGet(
        `/api/action-plans/${seeded.planId}/activities?pageSize=5&page=${last + 1}`,
      );
      expect(beyond).toMatchObject({ items: [], total: all.length });
    });

    it.each(
      (
        [
          ['pageSize=201', 'pageSize'],
          ['pageSize=0', 'pageSize'],
          ['page=0', 'page'],
          ['page=two', 'page'],
          ['status=finished', 'status'],
          ['status=planned,finished', 'status'],
          ['type=party', 'type'],
          ['party=ma', 'party'],
          ['dueBefore=2026-13-01', 'dueBefore'],
          ['dueAfter=yesterday', 'dueAfter'],
          ['overdue=yes', 'overdue'],
          [`q=${'x'.repeat(201)}`, 'q'],
          ['colour=red', 'colour'],
          // These three used to answer 500.
          ['page=1e20', 'page'],
          ['dueBefore=0000-01-01', 'dueBefore'],
          ['q=atelier%00', 'q'],
        ] as const
      ).map(([query, field]) => ({
        label: query.length > 40 ? `${query.slice(0, 12)}… (${query.length} characters)` : query,
        query,
        field,
      })),
    )('rejects ?$label with a 400 naming $field', async ({ query, field }) => {
      const res = await t.http
        .get(`/api/action-plans/${seeded.planId}/activities?${query}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(fields(res.body))]).toEqual([field]);
    });
  });

  describe('creating activities', () => {
    let planId: string;
    beforeAll(async () => {
      t.clock.set('2026-04-08T12:00:00Z');
      planId = (
        await createPlan({
          title: 'Plan des créations',
          startsOn: '2026-01-01',
          durationMonths: 24,
        })
      ).id;
    });

    it('defaults to planned, 0 %, and the lead party alone', async () => {
      const created = await createActivity(planId, {
        title: 'Réunion technique',
        type: 'meeting',
        leadPartyCode: 'CI',
        dueOn: '2026-05-01',
      });
      expect(created).toMatchObject({
        planId,
        status: 'planned',
        progressPercent: 0,
        partyCodes: ['CI'],
        themes: [],
        completedOn: null,
        overdue: false,
        version: 1,
      });
      expect(await pmGet(`/api/activities/${created.id}`)).toMatchObject({
        id: created.id,
        status: 'planned',
        partyCodes: ['CI'],
      });
    });

    it('always includes the lead party in the parties', async () => {
      const created = await createActivity(planId, {
        title: 'Atelier avec l’OIM',
        type: 'workshop',
        leadPartyCode: 'MA',
        partyCodes: ['IOM', 'CI'],
        dueOn: '2026-05-01',
        themes: ['victim_support'],
      });
      expect([...created.partyCodes].sort()).toEqual(['CI', 'IOM', 'MA']);
      expect(created.themes).toEqual(['victim_support']);
    });

    it('completed on creation means 100 % and completed today in the plan’s zone', async () => {
      const created = await createActivity(planId, {
        title: 'Échange déjà réalisé',
        type: 'legal_exchange',
        leadPartyCode: 'MA',
        dueOn: '2026-03-01',
        status: 'completed',
      });
      expect(created).toMatchObject({
        status: 'completed',
        progressPercent: 100,
        completedOn: '2026-04-08',
        overdue: false,
      });
    });

    it('marks an open activity created with a past due date as overdue', async () => {
      const created = await createActivity(planId, {
        title: 'Rapport en retard',
        type: 'other',
        leadPartyCode: 'MA',
        dueOn: '2026-04-07',
      });
      expect(created.overdue).toBe(true);
    });

    it.each([
      [{}, ['dueOn', 'leadPartyCode', 'title', 'type']],
      [{ title: 'A', type: 'party', leadPartyCode: 'MA', dueOn: '2026-05-01' }, ['type']],
      [{ title: 'A', type: 'meeting', leadPartyCode: 'ZZ', dueOn: '2026-05-01' }, ['partyCodes']],
      [
        {
          title: 'A',
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-05-01',
          status: 'completed',
          progressPercent: 40,
        },
        ['progressPercent'],
      ],
      [
        {
          title: 'A',
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-05-01',
          progressPercent: 101,
        },
        ['progressPercent'],
      ],
      [
        {
          title: 'A',
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-05-01',
          plannedStartOn: '2026-06-01',
        },
        ['plannedStartOn'],
      ],
      [
        {
          title: 'A',
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-05-01',
          themes: ['Victim Support'],
        },
        ['themes'],
      ],
      [
        { title: 'A', type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-05-01', owner: 'me' },
        ['owner'],
      ],
      [{ title: 'A', type: 'meeting', leadPartyCode: 'MA', dueOn: '0000-01-01' }, ['dueOn']],
      [
        { title: 'A', type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-05-01', status: null },
        ['status'],
      ],
      [
        { title: 'A', type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-05-01', partyCodes: null },
        ['partyCodes'],
      ],
      [
        { title: 'A', type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-05-01', themes: null },
        ['themes'],
      ],
      [
        {
          title: 'A',
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-05-01',
          progressPercent: null,
        },
        ['progressPercent'],
      ],
      [{ title: 'A\u0000', type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-05-01' }, ['title']],
    ])('rejects the activity %j with a 400 naming %j, creating nothing', async (body, expected) => {
      const before = (await pmGet(`/api/action-plans/${planId}/activities`)).total;
      const res = await t.http
        .post(`/api/action-plans/${planId}/activities`)
        .set('Authorization', await bearer(DEMO.pm))
        .send(body)
        .expect(400);
      expect([...new Set(fields(res.body))].sort()).toEqual(expected);
      expect((await pmGet(`/api/action-plans/${planId}/activities`)).total).toBe(before);
    });

    it.each([
      [{ title: null }, 'title'],
      [{ type: null }, 'type'],
      [{ dueOn: null }, 'dueOn'],
      [{ status: null }, 'status'],
      [{ progressPercent: null }, 'progressPercent'],
      [{ leadPartyCode: null }, 'leadPartyCode'],
      [{ partyCodes: null }, 'partyCodes'],
      [{ themes: null }, 'themes'],
      [{ notes: 'a\u0000b' }, 'notes'],
    ])(
      'refuses the activity PATCH %j with a 400 naming %s, changing nothing',
      async (patch, field) => {
        const created = await createActivity(planId, {
          title: 'Activité intacte',
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-05-01',
          themes: ['victim_support'],
        });
        const res = await t.http
          .patch(`/api/activities/${created.id}`)
          .set('Authorization', await bearer(DEMO.pm))
          .send({ version: 1, ...patch })
          .expect(400);
        expect([...new Set(fields(res.body))]).toEqual([field]);
        expect(await pmGet(`/api/activities/${created.id}`)).toEqual(created);
      },
    );

    it('clears the description, notes and planned start with null', async () => {
      const created = await createActivity(planId, {
        title: 'Activité à vider',
        type: 'meeting',
        leadPartyCode: 'MA',
        dueOn: '2026-05-01',
        plannedStartOn: '2026-04-20',
        description: 'Description',
        notes: 'Notes',
      });
      const res = await t.http
        .patch(`/api/activities/${created.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: 1, description: null, notes: null, plannedStartOn: null })
        .expect(200);
      expect(res.body).toMatchObject({
        description: null,
        notes: null,
        plannedStartOn: null,
        version: 2,
      });
    });
  });

  describe('progress of the seeded plan', () => {
    let all: ListedActivity[];
    let today: string;
    let progress: Record<string, unknown> & {
      total: number;
      byStatus: Record<string, number>;
      completionPercent: number;
      overdue: number;
      dueNext30Days: number;
      byParty: {
        partyCode: string;
        total: number;
        completed: number;
        overdue: number;
        completionPercent: number;
        lead: { total: number; completed: number; overdue: number };
        shared: { total: number; completed: number; overdue: number };
      }[];
      byType: { type: string; total: number; completed: number; overdue: number }[];
      byTheme: { theme: string; total: number; completed: number; overdue: number }[];
      nextDeadlines: { id: string; dueOn: string; status: string; daysLeft: number }[];
    };

    const breakdown = (
      key: string,
      keysOf: (a: ListedActivity) => string[],
      activities: ListedActivity[] = all,
    ) => {
      const rows = new Map<string, { total: number; completed: number; overdue: number }>();
      for (const a of activities) {
        for (const k of keysOf(a)) {
          const row = rows.get(k) ?? { total: 0, completed: 0, overdue: 0 };
          row.total += 1;
          if (a.status === 'completed') row.completed += 1;
          if (isOpen(a) && a.dueOn < today) row.overdue += 1;
          rows.set(k, row);
        }
      }
      return [...rows.entries()]
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([k, row]) => ({ [key]: k, ...row }));
    };
    const sortBy = <T extends Record<string, unknown>>(rows: T[], key: string) =>
      [...rows].sort((x, y) => (String(x[key]) < String(y[key]) ? -1 : 1));

    beforeAll(async () => {
      t.clock.set(new Date());
      today = localDate('Africa/Casablanca', t.clock.now());
      all = (await pmGet(`/api/action-plans/${seeded.planId}/activities?pageSize=200`)).items;
      progress = await pmGet(`/api/action-plans/${seeded.planId}/progress`);
    });

    it('reckons against today in the plan’s zone', () => {
      expect(progress.today).toBe(today);
    });

    it('counts the activities, in total and by status (every status present)', () => {
      expect(progress.total).toBe(all.length);
      const expected: Record<string, number> = {
        planned: 0,
        in_progress: 0,
        completed: 0,
        postponed: 0,
        cancelled: 0,
      };
      for (const a of all) expected[a.status] += 1;
      expect(progress.byStatus).toEqual(expected);
      expect(expected.completed).toBeGreaterThan(0);
      expect(expected.cancelled).toBeGreaterThan(0);
    });

    it('counts overdue and due within 30 days among open activities', () => {
      const open = all.filter(isOpen);
      const overdue = open.filter((a) => a.dueOn < today).length;
      const soon = open.filter((a) => a.dueOn >= today && a.dueOn <= plusDays(today, 30)).length;
      expect(progress.overdue).toBe(overdue);
      expect(progress.dueNext30Days).toBe(soon);
      expect(overdue).toBeGreaterThanOrEqual(3);
      expect(soon).toBeGreaterThanOrEqual(3);
    });

    it('computes completion as the mean progress of the activities not cancelled, to one decimal', () => {
      const counted = all.filter((a) => a.status !== 'cancelled');
      const sum = counted.reduce((total, a) => total + a.progressPercent, 0);
      // Half up, in integers: round(10 × sum / n) / 10.
      expect(progress.completionPercent).toBe(Math.round((10 * sum) / counted.length) / 10);
      // Counting the cancelled one (at 0 %) would lower it.
      const withCancelled = all.reduce((sum, a) => sum + a.progressPercent, 0) / all.length;
      expect(progress.completionPercent).toBeGreaterThan(Math.round(withCancelled * 10) / 10);
    });

    /** Each party's own parts, each with its activity's due date and lead. */
    const partsOf = (code: string) =>
      all.flatMap((a) =>
        a.parts
          .filter((p) => p.partyCode === code)
          .map((p) => ({ ...p, dueOn: a.dueOn, leadPartyCode: a.leadPartyCode })),
      );
    const countParts = (parts: ReturnType<typeof partsOf>) => ({
      total: parts.length,
      completed: parts.filter((p) => p.status === 'completed').length,
      overdue: parts.filter((p) => isOpen(p) && p.dueOn < today).length,
    });

    it('breaks the figures down by party (each country’s own parts), type and theme', () => {
      const codes = [...new Set(all.flatMap((a) => a.parts.map((p) => p.partyCode)))].sort();
      expect(sortBy(progress.byParty, 'partyCode').map((p) => p.partyCode)).toEqual(codes);
      for (const row of progress.byParty) {
        const parts = partsOf(row.partyCode);
        const counted = parts.filter((p) => p.status !== 'cancelled');
        const mean = counted.reduce((sum, p) => sum + p.progressPercent, 0) / counted.length;
        expect(row).toMatchObject({
          ...countParts(parts),
          completionPercent: Math.round(mean * 10) / 10,
        });
      }
      expect(sortBy(progress.byType, 'type')).toEqual(breakdown('type', (a) => [a.type]));
      expect(sortBy(progress.byTheme, 'theme')).toEqual(breakdown('theme', (a) => a.themes));
      const ma = progress.byParty.find((p) => p.partyCode === 'MA')!;
      expect(ma.total).toBe(all.filter((a) => a.partyCodes.includes('MA')).length);
    });

    it('gives each party its own (lead) activities and the shared ones apart, not only participation', () => {
      for (const party of progress.byParty) {
        const code = party.partyCode;
        const parts = partsOf(code);
        expect(party.lead).toEqual(countParts(parts.filter((p) => p.leadPartyCode === code)));
        expect(party.shared).toEqual(countParts(parts.filter((p) => p.leadPartyCode !== code)));
        expect(party.lead.total + party.shared.total).toBe(party.total);
      }
      // In the seeded joint plan both countries take part in nearly everything, but each leads its own.
      const ma = progress.byParty.find((p) => p.partyCode === 'MA')!;
      const ci = progress.byParty.find((p) => p.partyCode === 'CI')!;
      expect(ma.lead.total + ci.lead.total).toBeLessThanOrEqual(all.length);
      expect(ma.lead.total).toBeLessThan(ma.total);
      expect(ci.lead.total).toBeLessThan(ci.total);
    });

    it('lists the next deadlines: open, not overdue, ascending, at most 10', () => {
      const candidates = all.filter((a) => isOpen(a) && a.dueOn >= today);
      const next = progress.nextDeadlines;
      expect(next.length).toBe(Math.min(10, candidates.length));
      expect(next.length).toBeGreaterThan(0);
      const dues = next.map((n) => n.dueOn);
      expect(dues).toEqual([...dues].sort());
      expect(dues).toEqual(
        candidates
          .map((a) => a.dueOn)
          .sort()
          .slice(0, 10),
      );
      const byId = new Map(all.map((a) => [a.id, a]));
      for (const n of next) {
        const activity = byId.get(n.id)!;
        expect(activity).toBeDefined();
        expect(activity.overdue).toBe(false);
        expect(isOpen(activity)).toBe(true);
        expect(n.status).toBe(activity.status);
        expect(n.daysLeft).toBe(daysFrom(today, n.dueOn));
      }
    });

    it('agrees with the dashboard row of the plan', async () => {
      const dashboard = await pmGet('/api/dashboard');
      const row = dashboard.items.find((r: { planId: string }) => r.planId === seeded.planId);
      expect(row).toMatchObject({
        total: progress.total,
        completed: progress.byStatus.completed,
        completionPercent: progress.completionPercent,
        overdue: progress.overdue,
        dueNext30Days: progress.dueNext30Days,
        nextDueOn: progress.nextDeadlines[0].dueOn,
      });
    });

    it('answers zeros for a plan without activities', async () => {
      t.clock.set('2026-04-08T12:00:00Z');
      const plan = await createPlan({
        title: 'Plan vide',
        startsOn: '2026-01-01',
        durationMonths: 12,
      });
      expect(await pmGet(`/api/action-plans/${plan.id}/progress`)).toMatchObject({
        total: 0,
        completionPercent: 0,
        overdue: 0,
        dueNext30Days: 0,
        byParty: [],
        byType: [],
        byTheme: [],
        nextDeadlines: [],
      });
    });

    it('counts a joint activity by each country’s own part: Morocco done counts it completed, Côte d’Ivoire still owing counts it overdue', async () => {
      t.clock.set('2026-04-08T12:00:00Z');
      const plan = await createPlan({
        title: 'Plan des parts',
        startsOn: '2026-01-01',
        durationMonths: 12,
      });
      const activity = await createActivity(plan.id, {
        title: 'Visite d’étude à Rabat',
        type: 'other',
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-03-31',
      });
      await t.http
        .patch(`/api/activities/${activity.id}/parts/MA`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .send({ version: 1, status: 'completed', completedOn: '2026-03-20' })
        .expect(200);
      const figures = await pmGet(`/api/action-plans/${plan.id}/progress`);
      // The joint activity is in progress (Côte d'Ivoire's part is open) and past its due date.
      expect(figures).toMatchObject({ total: 1, overdue: 1, completionPercent: 50 });
      expect(figures.byStatus).toMatchObject({ in_progress: 1, completed: 0 });
      expect(sortBy(figures.byParty, 'partyCode')).toEqual([
        {
          partyCode: 'CI',
          total: 1,
          completed: 0,
          overdue: 1,
          completionPercent: 0,
          lead: { total: 0, completed: 0, overdue: 0 },
          shared: { total: 1, completed: 0, overdue: 1 },
        },
        {
          partyCode: 'MA',
          total: 1,
          completed: 1,
          overdue: 0,
          completionPercent: 100,
          lead: { total: 1, completed: 1, overdue: 0 },
          shared: { total: 0, completed: 0, overdue: 0 },
        },
      ]);
    });

    it('follows an activity’s new due date, lead and parties in the per-party figures', async () => {
      // The parts carry copies of their activity's due date and lead (kept by triggers): a change
      // made on the activity must reach the figures at once.
      t.clock.set('2026-04-08T12:00:00Z');
      const plan = await createPlan({
        title: 'Plan qui bouge',
        startsOn: '2026-01-01',
        durationMonths: 12,
      });
      const activity = await createActivity(plan.id, {
        title: 'Atelier conjoint',
        type: 'workshop',
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-05-31',
      });
      const byParty = async () =>
        sortBy((await pmGet(`/api/action-plans/${plan.id}/progress`)).byParty, 'partyCode').map(
          (p) => ({ partyCode: p.partyCode, overdue: p.overdue, lead: p.lead, shared: p.shared }),
        );
      const one = (overdue: number) => ({ total: 1, completed: 0, overdue });
      const none = { total: 0, completed: 0, overdue: 0 };
      expect(await byParty()).toEqual([
        { partyCode: 'CI', overdue: 0, lead: none, shared: one(0) },
        { partyCode: 'MA', overdue: 0, lead: one(0), shared: none },
      ]);

      await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: activity.version, dueOn: '2026-04-01', leadPartyCode: 'CI' })
        .expect(200);
      expect(await byParty()).toEqual([
        { partyCode: 'CI', overdue: 1, lead: one(1), shared: none },
        { partyCode: 'MA', overdue: 1, lead: none, shared: one(1) },
      ]);

      // Morocco leaves: its part goes; Côte d'Ivoire's stays, still late.
      const current = await pmGet(`/api/activities/${activity.id}`);
      await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: current.version, partyCodes: ['CI'] })
        .expect(200);
      expect(await byParty()).toEqual([
        { partyCode: 'CI', overdue: 1, lead: one(1), shared: none },
      ]);
    });
  });

  describe('overdue in the plan’s time zone', () => {
    // 2026-06-14 is outside Ramadan: Casablanca is UTC+1, Abidjan UTC+0.
    const DUE = '2026-06-14';
    const plans = {} as Record<'casablanca' | 'abidjan', { planId: string; activityId: string }>;

    const state = async (which: 'casablanca' | 'abidjan') => {
      const { planId, activityId } = plans[which];
      const [activity, overdueList, progress, dashboard] = await Promise.all([
        pmGet(`/api/activities/${activityId}`),
        pmGet(`/api/action-plans/${planId}/activities?overdue=true`),
        pmGet(`/api/action-plans/${planId}/progress`),
        pmGet('/api/dashboard?pageSize=200'),
      ]);
      const row = dashboard.items.find((r: { planId: string }) => r.planId === planId);
      return {
        today: progress.today,
        activity: activity.overdue,
        list: overdueList.total,
        progress: progress.overdue,
        dashboard: row.overdue,
      };
    };
    const overdueEverywhere = (today: string, overdue: boolean) => ({
      today,
      activity: overdue,
      list: overdue ? 1 : 0,
      progress: overdue ? 1 : 0,
      dashboard: overdue ? 1 : 0,
    });

    beforeAll(async () => {
      t.clock.set('2026-06-01T12:00:00Z');
      for (const [which, timeZone] of [
        ['casablanca', 'Africa/Casablanca'],
        ['abidjan', 'Africa/Abidjan'],
      ] as const) {
        const plan = await createPlan({
          title: `Plan ${timeZone}`,
          startsOn: '2026-01-01',
          durationMonths: 12,
          timeZone,
        });
        const activity = await createActivity(plan.id, {
          title: `Échéance ${timeZone}`,
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: DUE,
        });
        plans[which] = { planId: plan.id, activityId: activity.id };
      }
    });

    it('on the due day itself nothing is overdue (22:30 UTC, 23:30 in Casablanca)', async () => {
      t.clock.set(`${DUE}T22:30:00Z`);
      expect(await state('casablanca')).toEqual(overdueEverywhere(DUE, false));
      expect(await state('abidjan')).toEqual(overdueEverywhere(DUE, false));
    });

    it('at 23:30 UTC it is already the next day in Casablanca (overdue) but not in Abidjan', async () => {
      t.clock.set(`${DUE}T23:30:00Z`);
      expect(await state('casablanca')).toEqual(overdueEverywhere('2026-06-15', true));
      expect(await state('abidjan')).toEqual(overdueEverywhere(DUE, false));
    });

    it('at 00:30 UTC the next day it is overdue in both', async () => {
      t.clock.set('2026-06-15T00:30:00Z');
      expect(await state('casablanca')).toEqual(overdueEverywhere('2026-06-15', true));
      expect(await state('abidjan')).toEqual(overdueEverywhere('2026-06-15', true));
    });

    it('a completed activity is never overdue', async () => {
      t.clock.set('2026-06-15T00:30:00Z');
      const { activityId } = plans.abidjan;
      const current = await pmGet(`/api/activities/${activityId}`);
      await t.http
        .patch(`/api/activities/${activityId}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: current.version, status: 'completed' })
        .expect(200);
      expect(await state('abidjan')).toEqual(overdueEverywhere('2026-06-15', false));
    });
  });
});
