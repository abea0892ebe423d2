import { Client } from 'pg';
import { ActionPlan } from '../../src/action-plans/action-plan.entity';
import { toActivityView } from '../../src/activities/activity-view';
import { Activity } from '../../src/activities/activity.entity';
import { ActivityPartsStore } from '../../src/activities/parts/activity-parts.store';
import { todayIn } from '../../src/common/time/calendar-date';
import { withoutRequiredEvidence } from '../support/evidence-files';
import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

/**
 * The hot activity routes read and write through hand-written SQL (ActivityQueries): their answers
 * must stay byte for byte what the TypeORM entities give (the bench compares bodies with a raw
 * server), and their statement counts are the budget issue 11 set (a raw Fastify+pg server sends
 * the user read plus one statement for GET, and nine for this PATCH).
 */
describe('lean activity reads and writes', () => {
  let t: TestApp;
  let seeded: SeededPlan;

  /** The activity as the TypeORM path builds its answer: entity, parts store, plan's today. */
  async function viaEntities(id: string): Promise<string> {
    const activity = await t.dataSource.getRepository(Activity).findOneByOrFail({ id });
    const plan = await t.dataSource.getRepository(ActionPlan).findOneByOrFail({
      id: activity.planId,
    });
    const parts = await t.app.get(ActivityPartsStore).partsOf([activity]);
    const today = todayIn(plan.timeZone, t.clock.now());
    return JSON.stringify(toActivityView(activity, today, parts.get(activity.id)!));
  }

  /** How many statements the app sends to PostgreSQL while `work` runs (BEGIN and COMMIT included). */
  async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      await work();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    await withoutRequiredEvidence(t);
    // A translated, completed activity too: jsonb, dates and a completion date in the same answer.
    const pm = await t.tokenFor(DEMO.pm);
    const done = seeded.activities.find((a) => a.status === 'completed')!;
    const current = await t.http.get(`/api/activities/${done.id}`).set('Authorization', pm);
    await t.http
      .patch(`/api/activities/${done.id}`)
      .set('Authorization', pm)
      .send({
        version: current.body.version,
        translations: { en: { title: 'Joint workshop «Rabat»', description: 'Été 2026' } },
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('GET /activities/:id answers the bytes the entities give, for every seeded activity', async () => {
    const pm = await t.tokenFor(DEMO.pm);
    for (const { id } of seeded.activities) {
      const res = await t.http.get(`/api/activities/${id}`).set('Authorization', pm).expect(200);
      expect(res.text).toBe(await viaEntities(id));
    }
  });

  it("a plan's list answers the bytes the entities give, page after page", async () => {
    const pm = await t.tokenFor(DEMO.pm);
    const rows = await t.dataSource.getRepository(Activity).find({
      where: { planId: seeded.planId },
      order: { dueOn: 'ASC', title: 'ASC', id: 'ASC' },
    });
    const pageSize = 4;
    // One page past the end too: empty, with the total.
    for (let page = 1; (page - 2) * pageSize < rows.length; page++) {
      const res = await t.http
        .get(`/api/action-plans/${seeded.planId}/activities?page=${page}&pageSize=${pageSize}`)
        .set('Authorization', pm)
        .expect(200);
      const items = await Promise.all(
        rows.slice((page - 1) * pageSize, page * pageSize).map((a) => viaEntities(a.id)),
      );
      expect(res.text).toBe(
        `{"items":[${items.join(',')}],"total":${rows.length},"page":${page},"pageSize":${pageSize}}`,
      );
    }
  });

  it('PATCH answers what a read after it answers, and writes history and the parts', async () => {
    const pm = await t.tokenFor(DEMO.pm);
    const open = seeded.activities.find(
      (a) => a.partyCodes.length > 1 && ['planned', 'in_progress'].includes(a.status),
    )!;
    const before = await t.http.get(`/api/activities/${open.id}`).set('Authorization', pm);
    const res = await t.http
      .patch(`/api/activities/${open.id}`)
      .set('Authorization', pm)
      .send({ version: before.body.version, progressPercent: 37, notes: 'lean' })
      .expect(200);
    expect(res.text).toBe(await viaEntities(open.id));
    expect(res.body).toMatchObject({ progressPercent: 37, version: before.body.version + 1 });
    // The joint progress reached the open parts.
    for (const part of res.body.parts as { status: string; progressPercent: number }[]) {
      if (['planned', 'in_progress', 'postponed'].includes(part.status)) {
        expect(part.progressPercent).toBe(37);
      }
    }
    const history = await t.http
      .get(`/api/activities/${open.id}/history`)
      .set('Authorization', pm)
      .expect(200);
    expect(
      (history.body.items as { field: string; fromValue: unknown; toValue: unknown }[])
        .filter((h) => ['progressPercent', 'notes'].includes(h.field))
        .map((h) => [h.field, h.toValue]),
    ).toEqual(
      expect.arrayContaining([
        ['progressPercent', 37],
        ['notes', 'lean'],
      ]),
    );
  });

  it('keeps to the statement budget: GET 2, list 3 or 4, PATCH 9 (user read included)', async () => {
    const reader = await t.tokenFor(DEMO.focalMa);
    const pm = await t.tokenFor(DEMO.pm);
    const joint = seeded.activities.find(
      (a) =>
        a.partyCodes.includes('MA') &&
        a.partyCodes.length > 1 &&
        ['planned', 'in_progress'].includes(a.status),
    )!;
    expect(
      await statementsDuring(() =>
        t.http.get(`/api/activities/${joint.id}`).set('Authorization', reader).expect(200),
      ),
    ).toBe(2);
    // A full page needs the count; a short first page is the whole list and is not counted.
    expect(
      await statementsDuring(() =>
        t.http
          .get(`/api/action-plans/${seeded.planId}/activities?pageSize=2`)
          .set('Authorization', reader)
          .expect(200),
      ),
    ).toBe(4);
    expect(
      await statementsDuring(() =>
        t.http
          .get(`/api/action-plans/${seeded.planId}/activities?pageSize=100`)
          .set('Authorization', reader)
          .expect(200),
      ),
    ).toBe(3);
    const current = await t.http.get(`/api/activities/${joint.id}`).set('Authorization', pm);
    const progress = current.body.progressPercent === 41 ? 40 : 41;
    expect(
      await statementsDuring(() =>
        t.http
          .patch(`/api/activities/${joint.id}`)
          .set('Authorization', pm)
          .send({ version: current.body.version, progressPercent: progress })
          .expect(200),
      ),
    ).toBe(9);
  });

  it('answers 404 alike for an activity out of scope and one that does not exist', async () => {
    const other = await createEgyptTunisiaAgreement(t);
    const pm = await t.tokenFor(DEMO.pm);
    await t.http.get(`/api/activities/${other.activityId}`).set('Authorization', pm).expect(200);
    for (const email of [DEMO.focalMa, DEMO.observer]) {
      const who = await t.tokenFor(email);
      const hidden = await t.http
        .get(`/api/activities/${other.activityId}`)
        .set('Authorization', who);
      const missing = await t.http
        .get('/api/activities/00000000-0000-4000-8000-000000000000')
        .set('Authorization', who);
      expect([hidden.status, missing.status]).toEqual([404, 404]);
      expect(hidden.body.detail).toBe(
        missing.body.detail.replace('00000000-0000-4000-8000-000000000000', other.activityId),
      );
      // A plan out of scope is not listed either.
      await t.http
        .get(`/api/action-plans/${other.planId}/activities`)
        .set('Authorization', who)
        .expect(404);
    }
  });
});
