import { seededPlan } from '../support/fixtures';
import { createActivity, rowsFor, sweep } from '../support/reminder-fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

/** DELETE /api/activities/:id: with the version, by managers, only while nothing refers to it. */
describe('deleting an activity', () => {
  let t: TestApp;
  let planId: string;
  const bearer = (email: string) => t.tokenFor(email);
  const fresh = (title: string, dueOn = '2026-10-15') =>
    createActivity(t, planId, { title, dueOn });
  const remove = async (
    id: string,
    how: { version?: number; ifMatch?: string },
    as: string = DEMO.pm,
  ) => {
    const req = t.http
      .delete(`/api/activities/${id}${how.version !== undefined ? `?version=${how.version}` : ''}`)
      .set('Authorization', await bearer(as));
    return how.ifMatch !== undefined ? req.set('If-Match', how.ifMatch) : req;
  };
  const exists = async (id: string) =>
    (await t.http.get(`/api/activities/${id}`).set('Authorization', await bearer(DEMO.pm))).status;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-09-01T11:00:00Z');
    planId = (await seededPlan(t)).planId;
  });
  afterAll(() => t.close());

  it.each([
    ['If-Match', { ifMatch: '"1"' }],
    ['?version=', { version: 1 }],
    ['both, agreeing', { version: 1, ifMatch: 'W/"1"' }],
  ])('answers 204 with the version as %s, and the activity is gone', async (_how, how) => {
    const { id } = await fresh('Saisie par erreur');
    const res = await remove(id, how);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await exists(id)).toBe(404);
    expect((await remove(id, how)).status).toBe(404);
  });

  it('needs the version: none is a 400 naming it, a stale one a 409 with currentVersion', async () => {
    const { id } = await fresh('Sans version');
    const none = await remove(id, {});
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('version');
    const disagreeing = await remove(id, { version: 1, ifMatch: '"2"' });
    expect(disagreeing.status).toBe(400);
    const stale = await remove(id, { ifMatch: '"7"' });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ currentVersion: 1 });
    expect(await exists(id)).toBe(200);
  });

  it.each([
    ['a focal point', DEMO.focalMa],
    ['an observer', DEMO.observer],
  ])('is refused to %s (403), changing nothing', async (_who, email) => {
    const { id } = await fresh('Pas à eux');
    expect((await remove(id, { version: 1 }, email)).status).toBe(403);
    expect(await exists(id)).toBe(200);
  });

  it('refuses (409, cancel instead) once the activity was changed after its creation', async () => {
    const { id } = await fresh('Déjà suivie');
    const patched = await t.http
      .patch(`/api/activities/${id}`)
      .set('Authorization', await bearer(DEMO.focalMa))
      .send({ version: 1, status: 'in_progress', progressPercent: 20 })
      .expect(200);
    const res = await remove(id, { version: patched.body.version });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      title: 'Activity in use',
      references: ['history'],
      cancelInstead: true,
    });
    expect(res.body.detail).toContain('Cancel it instead');
    expect(await exists(id)).toBe(200);
    await t.http
      .patch(`/api/activities/${id}`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ version: patched.body.version, status: 'cancelled' })
      .expect(200);
  });

  it('takes its pending reminders with it: none is left to fire, the next sweep plans none', async () => {
    const { id } = await fresh('Rappel en attente', '2026-09-08'); // due in 7 days: a reminder today
    await sweep(t);
    const planned = await rowsFor(t, id);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    expect((await remove(id, { version: 1 })).status).toBe(204);
    expect(await rowsFor(t, id)).toEqual([]);
    await sweep(t);
    expect(await rowsFor(t, id)).toEqual([]);
  });

  it('refuses (409) once a reminder or webhook delivery about it went out', async () => {
    const { id } = await fresh('Rappel envoyé', '2026-09-08');
    await sweep(t);
    const [row] = await rowsFor(t, id);
    await t.dataSource.query(
      `UPDATE notifications SET status = 'sent', attempts = 1, sent_at = now() WHERE id = $1`,
      [row.id],
    );
    const res = await remove(id, { version: 1 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ references: ['notifications'], cancelInstead: true });
    expect(await exists(id)).toBe(200);
    expect((await rowsFor(t, id)).length).toBeGreaterThan(0);
  });

  it('refuses (409) an activity of a renewed plan that was carried over, and its copy', async () => {
    const plan = await t.http
      .post(`/api/agreements/${(await seededPlan(t)).agreementId}/action-plans`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({
        title: 'Plan à renouveler (suppression)',
        startsOn: '2025-04-08',
        durationMonths: 12,
        renewable: true,
      })
      .expect(201);
    const original = await createActivity(t, plan.body.id, {
      title: 'Reportée au cycle suivant',
      dueOn: '2026-03-30',
    });
    const renewed = await t.http
      .post(`/api/action-plans/${plan.body.id}/renew`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({});
    expect(renewed.status).toBe(201);
    const copies = await t.http
      .get(`/api/action-plans/${renewed.body.id}/activities`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    const copy = copies.body.items.find(
      (a: { carriedOverFromId: string }) => a.carriedOverFromId === original.id,
    );
    for (const [id, version] of [
      [original.id, original.version],
      [copy.id, copy.version],
    ]) {
      const res = await remove(id, { version });
      expect(res.status).toBe(409);
      expect(res.body.references).toContain('renewal');
    }
  });
});
