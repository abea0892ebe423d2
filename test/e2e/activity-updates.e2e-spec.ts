import { withoutRequiredEvidence } from '../support/evidence-files';
import { SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

describe('updating activities', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  const bearer = (email: string) => t.tokenFor(email);
  const fresh = async (id: string) =>
    (
      await t.http
        .get(`/api/activities/${id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body;
  const byLead = (lead: string, only?: boolean) =>
    seeded.activities.find(
      (a) =>
        a.leadPartyCode === lead &&
        !['completed', 'cancelled'].includes(a.status) &&
        (!only || a.partyCodes.length === 1),
    )!;

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    // Updates and their rights, not proof: the evidence gate is tested in evidence.e2e-spec.ts.
    await withoutRequiredEvidence(t);
  });
  afterAll(() => t.close());

  it('the Moroccan focal point marks a workshop completed with a note, and progress moves', async () => {
    const activity = byLead('MA');
    const before = await t.http
      .get(`/api/action-plans/${seeded.planId}/progress`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);

    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.focalMa))
      .send({
        version: (await fresh(activity.id)).version,
        status: 'completed',
        notes: 'Atelier tenu à Rabat',
        note: 'Rapport envoyé',
      })
      .expect(200);
    expect(res.body).toMatchObject({ status: 'completed', progressPercent: 100, overdue: false });
    expect(res.body.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);

    const after = await t.http
      .get(`/api/action-plans/${seeded.planId}/progress`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    expect(after.body.byStatus.completed).toBe(before.body.byStatus.completed + 1);
    expect(after.body.completionPercent).toBeGreaterThan(before.body.completionPercent);

    const history = await t.http
      .get(`/api/activities/${activity.id}/history`)
      .set('Authorization', await bearer(DEMO.observer))
      .expect(200);
    const fields = (history.body.items as { field: string }[]).map((h) => h.field).sort();
    expect(fields).toEqual(['completedOn', 'notes', 'progressPercent', 'status']);
    const me = await t.http
      .get('/api/me')
      .set('Authorization', await bearer(DEMO.focalMa))
      .expect(200);
    expect(me.body.name).toEqual(expect.any(String));
    for (const item of history.body.items) {
      // The name, so that the page shows people, not e-mail addresses.
      expect(item).toMatchObject({ actorEmail: DEMO.focalMa, actorName: me.body.name });
    }
    expect(history.body.items[0]).toMatchObject({ note: 'Rapport envoyé' });
    const status = history.body.items.find((h: { field: string }) => h.field === 'status');
    expect(status).toMatchObject({ fromValue: activity.status, toValue: 'completed' });
  });

  it('accepts the version in an If-Match header', async () => {
    const activity = byLead('CI');
    const current = await fresh(activity.id);
    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.focalCi))
      .set('If-Match', `"${current.version}"`)
      .send({ progressPercent: 55 })
      .expect(200);
    expect(res.body).toMatchObject({ progressPercent: 55, version: current.version + 1 });
  });

  it('of two concurrent PATCHes with the same version exactly one wins and the other gets 409', async () => {
    const activity = byLead('MA', true);
    const { version } = await fresh(activity.id);
    const [a, b] = await Promise.all([
      t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .send({ version, progressPercent: 61 }),
      t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version, progressPercent: 62 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(loser.body).toMatchObject({ status: 409, currentVersion: version + 1 });
    const now = await fresh(activity.id);
    expect(now.version).toBe(version + 1);
    expect(now.progressPercent).toBe(winner.body.progressPercent);
    const history = await t.http
      .get(`/api/activities/${activity.id}/history`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    expect(
      (history.body.items as { field: string }[]).filter((h) => h.field === 'progressPercent'),
    ).toHaveLength(1);
  });

  it('a stale version answers 409 and changes nothing', async () => {
    const activity = byLead('CI', true);
    const before = await fresh(activity.id);
    await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.focalCi))
      .send({
        version: before.version - 1 > 0 ? before.version - 1 : before.version + 5,
        notes: 'x',
      })
      .expect(409);
    expect(await fresh(activity.id)).toEqual(before);
  });

  it('a missing version is a 400 naming the field', async () => {
    const activity = byLead('MA');
    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ notes: 'sans version' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'version', message: expect.any(String) }]);
  });

  it.each([
    [{ progressPercent: 101 }, 'progressPercent'],
    [{ status: 'finished' }, 'status'],
    [{ dueOn: '2026-02-30' }, 'dueOn'],
    [{ colour: 'red' }, 'colour'],
    [{ status: 'completed', progressPercent: 40 }, 'progressPercent'],
    [{ leadPartyCode: 'ZZ' }, 'partyCodes'],
  ])('invalid input %j is a 400 naming %s and changes nothing', async (patch, field) => {
    const activity = byLead('MA');
    const before = await fresh(activity.id);
    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ version: before.version, ...patch })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    expect(await fresh(activity.id)).toEqual(before);
  });

  it('focal point of CI cannot update a Morocco-only activity (403), and nothing changes', async () => {
    const activity = byLead('MA', true);
    const before = await fresh(activity.id);
    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.focalCi))
      .send({ version: before.version, progressPercent: 99 })
      .expect(403);
    expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(await fresh(activity.id)).toEqual(before);
  });

  it('a focal point may not change the title or due date (403)', async () => {
    const activity = byLead('MA');
    const before = await fresh(activity.id);
    await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.focalMa))
      .send({ version: before.version, dueOn: '2027-03-01' })
      .expect(403);
    expect(await fresh(activity.id)).toEqual(before);
  });

  it('an observer may read but not update (403)', async () => {
    const activity = byLead('MA');
    const before = await fresh(activity.id);
    await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.observer))
      .send({ version: before.version, notes: 'observer' })
      .expect(403);
  });

  it('a programme manager moves a due date, and the history says from and to', async () => {
    const activity = byLead('CI');
    const before = await fresh(activity.id);
    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({
        version: before.version,
        dueOn: '2027-03-31',
        title: 'Visite d’étude à Abidjan (reportée)',
      })
      .expect(200);
    expect(res.body).toMatchObject({ dueOn: '2027-03-31', version: before.version + 1 });
    const history = await t.http
      .get(`/api/activities/${activity.id}/history?pageSize=200`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ field: 'dueOn', fromValue: before.dueOn, toValue: '2027-03-31' }),
    );
  });

  it.each(['cancelled', 'completed'])(
    'a %s activity refuses progressPercent: 60 with a field error, and nothing changes',
    async (status) => {
      const pm = await bearer(DEMO.pm);
      const created = await t.http
        .post(`/api/action-plans/${seeded.planId}/activities`)
        .set('Authorization', pm)
        .send({
          title: `Close (${status})`,
          type: 'meeting',
          leadPartyCode: 'MA',
          dueOn: '2026-10-01',
        })
        .expect(201);
      const closed = await t.http
        .patch(`/api/activities/${created.body.id}`)
        .set('Authorization', pm)
        .send({ version: 1, status })
        .expect(200);
      for (const who of [DEMO.pm, DEMO.focalMa]) {
        const res = await t.http
          .patch(`/api/activities/${created.body.id}`)
          .set('Authorization', await bearer(who))
          .send({ version: closed.body.version, progressPercent: 60 });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([
          { field: 'progressPercent', message: expect.any(String) },
        ]);
      }
      expect(await fresh(created.body.id)).toMatchObject({
        status,
        progressPercent: closed.body.progressPercent,
        version: closed.body.version,
      });
    },
  );

  it('a malformed id is a 400 and an unknown one a 404', async () => {
    const pm = await bearer(DEMO.pm);
    const bad = await t.http
      .patch('/api/activities/not-a-uuid')
      .set('Authorization', pm)
      .send({ version: 1 })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    await t.http
      .get('/api/activities/3f1d2a4e-0000-4000-8000-000000000000')
      .set('Authorization', pm)
      .expect(404);
  });
});
