import { DEMO, createTestApp, TestApp } from '../support/test-app';
import { createActivity, rowsFor, sweep } from '../support/reminder-fixtures';
import { DigestContent } from '../../src/reminders/digest/digest-content';
import { withoutRequiredEvidence } from '../support/evidence-files';

/** Plans with their own time zone, each with one activity due on DUE (December: Casablanca is UTC+1). */
const DUE = '2026-12-20';

describe('reminder rules and planning', () => {
  let t: TestApp;
  let pm: string;
  let casablanca: { planId: string; activityId: string };
  let abidjan: { planId: string; activityId: string };
  const rulesOf = async (id: string) =>
    [...new Set((await rowsFor(t, id)).map((r) => r.rule))].sort();

  async function planIn(timeZone: string) {
    const agreements = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
    const plan = await t.http
      .post(`/api/agreements/${agreements.body.items[0].id}/action-plans`)
      .set('Authorization', pm)
      .send({ title: `Plan ${timeZone}`, startsOn: '2026-01-01', durationMonths: 24, timeZone })
      .expect(201);
    const activity = await createActivity(t, plan.body.id, {
      title: `Atelier ${timeZone}`,
      dueOn: DUE,
      partyCodes: ['MA', 'CI'],
    });
    return { planId: plan.body.id as string, activityId: activity.id };
  }

  beforeAll(async () => {
    t = await createTestApp();
    pm = await t.tokenFor(DEMO.pm);
    casablanca = await planIn('Africa/Casablanca');
    abidjan = await planIn('Africa/Abidjan');
    // Parts are completed here without files; the completion gate has its own suite.
    await withoutRequiredEvidence(t);
  });
  afterAll(() => t.close());

  it('serves the default rules to programme managers and refuses focal points', async () => {
    const res = await t.http.get('/api/reminder-rules').set('Authorization', pm).expect(200);
    expect(res.body).toEqual({
      activityDue: { daysBefore: [30, 7, 1, 0] },
      activityOverdue: { everyDays: 7 },
      escalation: { afterDaysOverdue: 14 },
      agreementExpiry: { daysBefore: [180, 90, 30] },
      planExpiry: { daysBefore: [180, 90, 30] },
      noticeDeadline: { daysBefore: [30, 7] },
      stagnation: { daysBeforeMeeting: [21, 7], silentAfterDays: 30 },
      notificationMissing: { daysAfterSignature: [30, 60], everyDays: 30 },
      denunciationEffect: { daysBefore: [90, 30, 0] },
      resultsReporting: { daysBefore: [14, 3], overdueEveryDays: 14, graceDays: 30 },
    });
    await t.http
      .get('/api/reminder-rules')
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .expect(403);
  });

  it('refuses a bad rule with a 400 naming it, and keeps the rules in force', async () => {
    const current = (await t.http.get('/api/reminder-rules').set('Authorization', pm)).body;
    const bad = {
      ...current,
      activityDue: { daysBefore: [7, -1] },
      activityOverdue: { everyDays: 0 },
    };
    const res = await t.http
      .put('/api/reminder-rules')
      .set('Authorization', pm)
      .send(bad)
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['activityDue.daysBefore', 'activityOverdue.everyDays']),
    );
    const missing = { ...current };
    delete missing.noticeDeadline;
    const res2 = await t.http
      .put('/api/reminder-rules')
      .set('Authorization', pm)
      .send(missing)
      .expect(400);
    expect((res2.body.errors as { field: string }[]).map((e) => e.field)).toContain(
      'noticeDeadline',
    );
    const after = await t.http.get('/api/reminder-rules').set('Authorization', pm).expect(200);
    expect(after.body).toEqual(current);
  });

  it('the 7-day reminder fires on the seventh day before in each plan time zone, not the day before or after', async () => {
    // D-8 at noon everywhere: only the 30-day bucket.
    t.clock.set('2026-12-12T12:00:00Z');
    await sweep(t);
    expect(await rulesOf(casablanca.activityId)).toEqual(['activity_due:30']);
    expect(await rulesOf(abidjan.activityId)).toEqual(['activity_due:30']);

    // 23:30 UTC on D-8 is already D-7 (00:30) in Casablanca, still D-8 in Abidjan.
    t.clock.set('2026-12-12T23:30:00Z');
    await sweep(t);
    expect(await rulesOf(casablanca.activityId)).toEqual(['activity_due:30', 'activity_due:7']);
    expect(await rulesOf(abidjan.activityId)).toEqual(['activity_due:30']);

    t.clock.set('2026-12-13T12:00:00Z');
    await sweep(t);
    expect(await rulesOf(abidjan.activityId)).toEqual(['activity_due:30', 'activity_due:7']);

    // The day after: nothing new.
    t.clock.set('2026-12-14T12:00:00Z');
    await sweep(t);
    expect(await rulesOf(casablanca.activityId)).toEqual(['activity_due:30', 'activity_due:7']);
    expect(await rulesOf(abidjan.activityId)).toEqual(['activity_due:30', 'activity_due:7']);
  });

  it('goes to the focal points of the parties on the activity and to the programme managers', async () => {
    const rows = (await rowsFor(t, casablanca.activityId)).filter(
      (r) => r.rule === 'activity_due:7',
    );
    expect(rows.map((r) => r.recipient_address).sort()).toEqual([
      DEMO.focalCi,
      DEMO.focalMa,
      DEMO.pm,
    ]);
    expect(rows.every((r) => r.channel === 'email' && r.due_on === DUE)).toBe(true);
  });

  it('reminds on the due day, the day after, weekly while overdue, and escalates after 14 days', async () => {
    t.clock.set(`${DUE}T12:00:00Z`);
    await sweep(t);
    expect(await rulesOf(abidjan.activityId)).toContain('activity_due:0');
    t.clock.set('2026-12-21T12:00:00Z');
    await sweep(t);
    expect(await rulesOf(abidjan.activityId)).toContain('activity_overdue:1');
    t.clock.set('2026-12-27T12:00:00Z'); // 7 days overdue: still the first week
    await sweep(t);
    expect(await rulesOf(abidjan.activityId)).not.toContain('activity_overdue:2');
    t.clock.set('2026-12-28T12:00:00Z');
    await sweep(t);
    expect(await rulesOf(abidjan.activityId)).toContain('activity_overdue:2');

    const secondWeek = (await rowsFor(t, abidjan.activityId)).filter(
      (r) => r.rule === 'activity_overdue:2',
    );
    expect(secondWeek.map((r) => r.recipient_address).sort()).toEqual([DEMO.focalCi, DEMO.focalMa]);

    t.clock.set('2027-01-04T12:00:00Z'); // 15 days overdue
    await sweep(t);
    const third = (await rowsFor(t, abidjan.activityId)).filter(
      (r) => r.rule === 'activity_overdue:3',
    );
    expect(third.map((r) => r.recipient_address).sort()).toEqual([
      DEMO.focalCi,
      DEMO.focalMa,
      DEMO.pm,
    ]);
    expect(third.every((r) => r.escalated)).toBe(true);
  });

  it('a completed activity gets no further reminders', async () => {
    const current = (
      await t.http.get(`/api/activities/${abidjan.activityId}`).set('Authorization', pm)
    ).body;
    await t.http
      .patch(`/api/activities/${abidjan.activityId}`)
      .set('Authorization', pm)
      .send({ version: current.version, status: 'completed' })
      .expect(200);
    t.clock.set('2027-01-11T12:00:00Z');
    await sweep(t);
    expect(await rulesOf(abidjan.activityId)).not.toContain('activity_overdue:4');
    expect(await rulesOf(casablanca.activityId)).toContain('activity_overdue:4');
  });

  it('reminds of an agreement expiry 180 days before and of its notice deadline 30 days before', async () => {
    const created = await t.http
      .post('/api/agreements')
      .set('Authorization', pm)
      .send({
        kind: 'protocol',
        title: 'Protocole Maroc–Mauritanie',
        partyCodes: ['MA', 'MR'],
        signedOn: '2025-06-01',
        durationMonths: 24,
        renewal: { mode: 'explicit', noticeDays: 90 },
      })
      .expect(201);
    expect(created.body).toMatchObject({ expiresOn: '2027-05-31', noticeDeadlineOn: '2027-03-02' });
    const id = created.body.id as string;
    t.clock.set('2026-12-01T12:00:00Z'); // 181 days before expiry (Casablanca)
    await sweep(t);
    expect(await rulesOf(id)).toEqual([]);
    t.clock.set('2026-12-02T12:00:00Z'); // 180 days
    await sweep(t);
    expect(await rulesOf(id)).toEqual(['agreement_expiry:180']);
    t.clock.set('2027-01-31T12:00:00Z'); // 30 days before the notice deadline
    await sweep(t);
    expect(await rulesOf(id)).toEqual(
      expect.arrayContaining(['agreement_expiry:180', 'notice_deadline:30']),
    );
    const rows = (await rowsFor(t, id)).filter((r) => r.rule === 'notice_deadline:30');
    expect(rows.map((r) => r.recipient_address).sort()).toEqual([DEMO.focalMa, DEMO.pm]);
    expect(rows[0].due_on).toBe('2027-03-02');
  });

  it('a user can switch a channel off per rule kind', async () => {
    const focal = await t.tokenFor(DEMO.focalMa);
    const prefs = await t.http
      .put('/api/me/notification-preferences')
      .set('Authorization', focal)
      .send({ preferences: [{ ruleKind: 'activity_due', channel: 'email', enabled: false }] })
      .expect(200);
    expect(prefs.body).toContainEqual({
      ruleKind: 'activity_due',
      channel: 'email',
      enabled: false,
    });
    expect(prefs.body).toContainEqual({
      ruleKind: 'activity_overdue',
      channel: 'email',
      enabled: true,
    });
    await t.http
      .put('/api/me/notification-preferences')
      .set('Authorization', focal)
      .send({ preferences: [{ ruleKind: 'everything', channel: 'email', enabled: false }] })
      .expect(400);

    t.clock.set('2027-01-11T12:00:00Z');
    const activity = await createActivity(t, casablanca.planId, {
      title: 'Réunion technique muette',
      dueOn: '2027-01-18',
    });
    await sweep(t); // 7 days before
    const rows = await rowsFor(t, activity.id);
    expect(rows.map((r) => r.recipient_address)).toEqual([DEMO.pm]);

    // The same day again: what is planned is not read again, let alone re-inserted.
    const again = await sweep(t);
    expect(again.inserted).toBe(0);
    expect(again.planned.activity_due).toBeUndefined();
    expect(again.planned.activity_overdue).toBeUndefined();

    // Switched back on: the audience changed, so the reminder due now reaches the focal point too.
    await t.http
      .put('/api/me/notification-preferences')
      .set('Authorization', focal)
      .send({ preferences: [{ ruleKind: 'activity_due', channel: 'email', enabled: true }] })
      .expect(200);
    await sweep(t);
    const after = await rowsFor(t, activity.id);
    expect(after.map((r) => [r.rule, r.recipient_address])).toEqual([
      ['activity_due:7', DEMO.focalMa],
      ['activity_due:7', DEMO.pm],
    ]);
  });

  it('lists notifications: everything for managers, only their own for others, with filters', async () => {
    const all = await t.http
      .get('/api/notifications?pageSize=200')
      .set('Authorization', pm)
      .expect(200);
    expect(all.body.total).toBeGreaterThan(0);
    const focalCi = await t.tokenFor(DEMO.focalCi);
    const own = await t.http
      .get('/api/notifications?pageSize=200')
      .set('Authorization', focalCi)
      .expect(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.total).toBeLessThan(all.body.total);
    expect(
      own.body.items.every(
        (n: { recipientAddress: string }) => n.recipientAddress === DEMO.focalCi,
      ),
    ).toBe(true);
    const filtered = await t.http
      .get(
        `/api/notifications?rule=activity_due:7&subject=${casablanca.activityId}&recipient=${DEMO.pm}`,
      )
      .set('Authorization', pm)
      .expect(200);
    expect(filtered.body.total).toBe(1);
    expect(filtered.body.items[0]).toMatchObject({ rule: 'activity_due:7', status: 'pending' });
    const bad = await t.http
      .get('/api/notifications?status=lost')
      .set('Authorization', pm)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('status');
  });

  it('renders the weekly digest in French, English and Arabic (right to left)', async () => {
    t.clock.set('2026-11-30T09:00:00Z');
    const digests = t.app.get(DigestContent);
    const fr = await digests.render('fr', 'Africa/Casablanca', '2026-11-30');
    const en = await digests.render('en', 'Africa/Casablanca', '2026-11-30');
    const ar = await digests.render('ar', 'Africa/Casablanca', '2026-11-30');
    expect(fr.subject).toBe('Accords — synthèse hebdomadaire (semaine du lundi 30 novembre 2026)');
    expect(fr.text).toContain('Activités en retard, par partie');
    expect(fr.text).toMatch(/Maroc : \d+ activités? en retard/);
    expect(en.subject).toBe('Accords — weekly digest (week of Monday, 30 November 2026)');
    expect(en.text).toContain('Due in the next 14 days');
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.html).toContain('lang="ar"');
    expect(ar.text).toContain('الأنشطة المتأخرة حسب الطرف');
  });
  it('a joint activity reminds only the focal points whose part is not done; managers as before; the digest lists it under the country still owing', async () => {
    const title = 'Échange des textes (parts)';
    const joint = await createActivity(t, casablanca.planId, {
      title,
      dueOn: '2026-12-30',
      partyCodes: ['MA', 'CI', 'IOM'],
    });
    t.clock.set('2026-12-10T12:00:00Z');
    // Morocco has done its share; the IOM dropped out of this one.
    for (const [code, status] of [
      ['MA', 'completed'],
      ['IOM', 'cancelled'],
    ]) {
      await t.http
        .patch(`/api/activities/${joint.id}/parts/${code}`)
        .set('Authorization', pm)
        .send({ version: 1, status })
        .expect(200);
    }
    const recipients = async (rule: string) =>
      (await rowsFor(t, joint.id))
        .filter((r) => r.rule === rule)
        .map((r) => r.recipient_address)
        .sort();

    t.clock.set('2026-12-23T12:00:00Z'); // D-7
    await sweep(t);
    expect(await recipients('activity_due:7')).toEqual([DEMO.focalCi, DEMO.pm]);

    t.clock.set('2026-12-31T12:00:00Z'); // overdue by a day
    await sweep(t);
    expect(await recipients('activity_overdue:1')).toEqual([DEMO.focalCi]);

    const digest = await t.app.get(DigestContent).render('fr', 'Africa/Casablanca', '2027-01-04');
    const lines = digest.text.split('\n');
    const at = lines.findIndex((line) => line.includes(title));
    expect(at).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes(title))).toHaveLength(1);
    const heading = lines
      .slice(0, at)
      .reverse()
      .find((line) => / : \d+ activités? en retard/.test(line));
    expect(heading).toMatch(/^Côte d.Ivoire : /);

    // Morocco reopens its share after the reminder was planned: the same sweep day, its focal point
    // is reminded too (a part changed, so the reminder is planned again). Then it closes it again.
    const morocco = (status: string, version: number) =>
      t.http
        .patch(`/api/activities/${joint.id}/parts/MA`)
        .set('Authorization', pm)
        .send({ version, status })
        .expect(200);
    await morocco('in_progress', 2);
    await sweep(t);
    expect(await recipients('activity_overdue:1')).toEqual([DEMO.focalCi, DEMO.focalMa]);
    await morocco('completed', 3);

    // Côte d'Ivoire completes too: the activity is completed and nobody hears of it again.
    await t.http
      .patch(`/api/activities/${joint.id}/parts/CI`)
      .set('Authorization', await t.tokenFor(DEMO.focalCi))
      .send({ version: 1, status: 'completed' })
      .expect(200);
    t.clock.set('2027-01-07T12:00:00Z');
    await sweep(t);
    expect(await recipients('activity_overdue:2')).toEqual([]);
  });
});
