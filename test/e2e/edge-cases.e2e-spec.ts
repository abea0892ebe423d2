import { AgreementsService } from '../../src/agreements/agreements.service';
import { ReminderCandidates } from '../../src/reminders/reminder-candidates';
import { seededPlan } from '../support/fixtures';
import { createActivity, rowsFor, sweep } from '../support/reminder-fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

/** Inputs and sequences that once answered 500 or lost a reminder. */
describe('edge cases', () => {
  let t: TestApp;
  let pm: string;
  beforeAll(async () => {
    t = await createTestApp();
    pm = await t.tokenFor(DEMO.pm);
  });
  afterAll(() => t.close());

  it('a tacit agreement without a notice period renews the day after it expires', async () => {
    t.clock.set('2026-11-28T12:00:00Z');
    const created = await t.http
      .post('/api/agreements')
      .set('Authorization', pm)
      .send({
        kind: 'agreement',
        title: 'Accord tacite sans préavis',
        partyCodes: ['MA', 'TN'],
        signedOn: '2024-01-15',
        durationMonths: 12,
        renewal: { mode: 'tacit' },
      })
      .expect(201);
    // The first term ended on 2025-01-14; with no notice period, notice was possible up to that day.
    expect(created.body).toMatchObject({
      status: 'renewed',
      expiresOn: '2027-01-14',
      noticeDeadlineOn: '2027-01-14',
    });
    // Reads never write: the sweep records the renewals the view already counts.
    await t.app.get(AgreementsService).applyDueTacitRenewals();
    const renewals = await t.http
      .get(`/api/agreements/${created.body.id}/renewals`)
      .set('Authorization', pm)
      .expect(200);
    expect(renewals.body.items.map((r: { decidedOn: string }) => r.decidedOn)).toEqual([
      '2025-01-15',
      '2026-01-15',
    ]);
  });

  it('an If-Match version beyond any stored version is a 400, not a 500', async () => {
    const { activities } = await seededPlan(t);
    const res = await t.http
      .patch(`/api/activities/${activities[0].id}`)
      .set('Authorization', pm)
      .set('If-Match', '"9999999999"')
      .send({ notes: 'x' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('If-Match');
  });

  it('reminder rules given as arrays instead of objects are refused', async () => {
    const current = (await t.http.get('/api/reminder-rules').set('Authorization', pm)).body;
    const res = await t.http
      .put('/api/reminder-rules')
      .set('Authorization', pm)
      .send({ ...current, activityDue: [], escalation: [] })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['activityDue', 'escalation']),
    );
  });

  it('the same preference twice in one request is a 400', async () => {
    const pref = { ruleKind: 'activity_due', channel: 'email', enabled: false };
    const res = await t.http
      .put('/api/me/notification-preferences')
      .set('Authorization', await t.tokenFor(DEMO.focalCi))
      .send({ preferences: [pref, { ...pref, enabled: true }] })
      .expect(400);
    expect(res.body.errors[0].field).toBe('preferences');
  });

  it('a legacy time zone alias is stored under its canonical name, and the dashboard still answers', async () => {
    const agreements = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
    const plan = await t.http
      .post(`/api/agreements/${agreements.body.items[0].id}/action-plans`)
      .set('Authorization', pm)
      .send({
        title: 'Plan US',
        startsOn: '2026-01-01',
        durationMonths: 12,
        timeZone: 'US/Pacific',
      })
      .expect(201);
    expect(plan.body.timeZone).toBe('America/Los_Angeles');
    await t.http.get('/api/dashboard').set('Authorization', pm).expect(200);
    await sweep(t);
  });

  it('two simultaneous creations of the same user give one 201 and one 409', async () => {
    const admin = await t.tokenFor(DEMO.admin);
    const body = {
      email: 'twice@accords.example',
      name: 'Twice',
      role: 'observer',
      password: 'a-long-enough-password',
    };
    const answers = await Promise.all([
      t.http.post('/api/users').set('Authorization', admin).send(body),
      t.http.post('/api/users').set('Authorization', admin).send(body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('a deadline moved away and back is reminded again', async () => {
    t.clock.set('2026-11-28T11:00:00Z');
    const { planId } = await seededPlan(t);
    const activity = await createActivity(t, planId, {
      title: 'Aller-retour',
      dueOn: '2026-12-05',
    });
    await sweep(t);
    const planned = await rowsFor(t, activity.id);
    expect(planned.map((r) => r.rule)).toEqual(['activity_due:7', 'activity_due:7']);
    // As a worker would, when it finds the date moved.
    await t.dataSource.query(
      `UPDATE notifications SET status = 'cancelled' WHERE subject_id = $1`,
      [activity.id],
    );
    await sweep(t);
    const again = await rowsFor(t, activity.id);
    expect(again.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(again.map((r) => r.id).sort()).toEqual(planned.map((r) => r.id).sort());
  });

  it('reads every overdue activity, across keyset batches, exactly once', async () => {
    const { planId } = await seededPlan(t);
    const now = new Date('2026-11-28T11:00:00Z');
    const candidates = t.app.get(ReminderCandidates);
    // A stamp no sweep wrote: no mark matches, every overdue activity is a candidate.
    const read = () => candidates.overdueActivities(now, 7, 'no sweep wrote this');
    const before = await read();
    // 2,050 more, many on the same day, so batches split inside a day.
    await t.dataSource.query(
      `INSERT INTO activities (plan_id, title, type, lead_party_code, party_codes, due_on)
       SELECT $1, 'Lot ' || g, 'meeting', 'MA', ARRAY['MA'], DATE '2026-11-01' - (g % 5)
         FROM generate_series(1, 2050) AS g`,
      [planId],
    );
    const after = await read();
    expect(after).toHaveLength(before.length + 2050);
    expect(new Set(after.map((a) => a.id)).size).toBe(after.length);
  });

  it('searching ignores accents and case: "ETUDE" finds the study visits', async () => {
    const { planId } = await seededPlan(t);
    const res = await t.http
      .get(`/api/action-plans/${planId}/activities?q=ETUDE&pageSize=200`)
      .set('Authorization', pm)
      .expect(200);
    const expected = await t.dataSource.query<{ title: string }[]>(
      `SELECT title FROM activities WHERE plan_id = $1
          AND concat_ws(' ', title, description, notes) ~* '[ée]tude'`,
      [planId],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.some((a) => a.title.includes('étude'))).toBe(true);
    expect((res.body.items as { title: string }[]).map((a) => a.title).sort()).toEqual(
      expected.map((a) => a.title).sort(),
    );
  });
});
