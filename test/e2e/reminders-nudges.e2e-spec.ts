import type { INestApplicationContext } from '@nestjs/common';
import { addDays, todayIn } from '../../src/common/time/calendar-date';
import {
  createActivity,
  rowsFor,
  settled,
  startReminderApp,
  sweep,
} from '../support/reminder-fixtures';
import type { ClaimedNotification } from '../../src/notifications/notification-lifecycle';
import { ReminderMessageComposer } from '../../src/reminders/reminder-message-composer';
import { SmtpSink } from '../support/smtp-sink';
import { DEMO, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

const DAY_MS = 86_400_000;

/**
 * Stagnation nudges through the reminder path: a part silent for 31 days and a committee meeting in
 * 21 days give one mail to its focal point, once, and the programme manager the list per country;
 * the 7-day nudge follows once. Real worker, real SMTP sink, fake time.
 */
describe('stagnation nudges before a committee meeting', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let pm: string;
  let planId: string;
  let meetingId: string;
  let heldOn: string;
  let start: Date;
  const planTitle = 'Plan conjoint de suivi 2027';
  const silentTitle = 'Atelier conjoint sur la réadmission';
  const freshTitle = 'Échange de textes sur la traite';
  const mailsTo = (to: string) =>
    sink.mails.filter((m) => m.to === to && m.subject.includes(planTitle));
  const at = (days: number) => new Date(start.getTime() + days * DAY_MS);
  const bearer = (email: string) => t.tokenFor(email);
  const nudgeRows = () => rowsFor(t, meetingId);

  beforeAll(async () => {
    ({ t } = await startReminderApp(sink, { DELIVERY_ATTEMPTS: '3', DELIVERY_BACKOFF_MS: '50' }));
    worker = await startWorker(t);
    start = t.clock.now();
    pm = await bearer(DEMO.pm);
    const agreements = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
    const plan = await t.http
      .post(`/api/agreements/${agreements.body.items[0].id}/action-plans`)
      .set('Authorization', pm)
      .send({
        title: planTitle,
        startsOn: '2026-01-01',
        durationMonths: 36,
        timeZone: 'Africa/Casablanca',
      })
      .expect(201);
    planId = plan.body.id;
    const dueOn = addDays(todayIn('Africa/Casablanca', start), 120);
    // Both parts start now; Côte d'Ivoire's part of the joint activity and Morocco's part of the
    // other one are updated 26 days later, so 5 days before the sweep.
    const joint = await createActivity(t, planId, {
      title: silentTitle,
      dueOn,
      partyCodes: ['MA', 'CI'],
    });
    const moroccoOnly = await createActivity(t, planId, { title: freshTitle, dueOn });
    t.clock.set(at(26));
    await t.http
      .patch(`/api/activities/${joint.id}/parts/CI`)
      .set('Authorization', await bearer(DEMO.focalCi))
      .send({ version: 1, progressPercent: 40, note: 'Délégation désignée' })
      .expect(200);
    await t.http
      .patch(`/api/activities/${moroccoOnly.id}/parts/MA`)
      .set('Authorization', await bearer(DEMO.focalMa))
      .send({ version: 1, status: 'in_progress', progressPercent: 20 })
      .expect(200);
    t.clock.set(at(31));
    heldOn = addDays(todayIn('Africa/Casablanca', t.clock.now()), 21);
    const meeting = await t.http
      .post(`/api/action-plans/${planId}/meetings`)
      .set('Authorization', pm)
      .send({ heldOn, place: 'Rabat' })
      .expect(201);
    meetingId = meeting.body.id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink.stop();
  });

  it('a part silent for 31 days and a meeting in 21 days: one mail to its focal point, in French, listing the part', async () => {
    const report = await sweep(t);
    expect((report as unknown as { planned: Record<string, number> }).planned).toMatchObject({
      stagnation_nudge: 1,
    });
    await waitFor(
      'the nudges',
      () => mailsTo(DEMO.focalMa).length >= 1 && mailsTo(DEMO.pm).length >= 1,
    );
    await settled(t, [meetingId]);

    const [mail] = mailsTo(DEMO.focalMa);
    expect(mailsTo(DEMO.focalMa)).toHaveLength(1);
    expect(mail.subject).toMatch(/^Comité du .+ : 1 part sans mise à jour — Plan conjoint/);
    expect(mail.html).toContain('lang="fr"');
    expect(mail.text).toContain('se réunit le');
    expect(mail.text).toContain('(dans 21 jours)');
    expect(mail.text).toContain(`${silentTitle} — échéance le`);
    expect(mail.text).toContain('sans mise à jour depuis 31 jours');
    expect(mail.text).toContain(`#activity/`);
    // Morocco's other part was updated 5 days ago: not silent, not listed.
    expect(mail.text).not.toContain(freshTitle);

    const rows = await rowsFor(t, meetingId);
    expect(rows.map((r) => [r.rule, r.recipient_address, r.status, r.due_on])).toEqual([
      ['stagnation_nudge:21', DEMO.focalMa, 'sent', heldOn],
      ['stagnation_nudge:21', DEMO.pm, 'sent', heldOn],
    ]);
  });

  it("the other country's focal point, whose part is up to date, gets nothing", () => {
    expect(mailsTo(DEMO.focalCi)).toEqual([]);
  });

  it('the programme manager gets the silent parts per country, in English', () => {
    const [mail] = mailsTo(DEMO.pm);
    expect(mailsTo(DEMO.pm)).toHaveLength(1);
    expect(mail.subject).toMatch(/^Committee on .+: 1 part with no update — Plan conjoint/);
    expect(mail.text).toContain('Open parts with no update for at least 30 days, by country:');
    // One section: Morocco's, with its one silent part; Côte d'Ivoire has none.
    expect(mail.html.match(/<h2/g)).toHaveLength(1);
    expect(mail.text).toMatch(
      /: 1 part with no update\n {2}- Atelier conjoint sur la réadmission — due /,
    );
    expect(mail.text).toContain('no update for 31 days');
    expect(mail.text).not.toContain(freshTitle);
  });

  it('a second sweep the same day, and the days after, send nothing more', async () => {
    await sweep(t);
    t.clock.set(at(33));
    await sweep(t);
    expect(await nudgeRows()).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(DEMO.focalMa)).toHaveLength(1);
    expect(mailsTo(DEMO.pm)).toHaveLength(1);
  });

  it('the 7-day nudge fires once on its day, in the language the focal point reads by then', async () => {
    await t.dataSource.query(`UPDATE users SET locale = 'ar' WHERE email = $1`, [DEMO.focalMa]);
    t.clock.set(at(31 + 13)); // 8 days before: nothing new
    await sweep(t);
    expect(await nudgeRows()).toHaveLength(2);
    t.clock.set(at(31 + 14)); // 7 days before
    await sweep(t);
    await sweep(t);
    expect(await nudgeRows()).toHaveLength(4);
    await waitFor(
      'the 7-day nudges',
      () => mailsTo(DEMO.focalMa).length >= 2 && mailsTo(DEMO.pm).length >= 2,
    );
    await settled(t, [meetingId]);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(DEMO.focalMa)).toHaveLength(2);
    expect(mailsTo(DEMO.focalCi)).toEqual([]);
    const arabic = mailsTo(DEMO.focalMa)[1];
    expect(arabic.html).toContain('dir="rtl"');
    expect(arabic.subject).toContain('جزء واحد دون تحديث');
    expect(arabic.text).toContain('بعد 7 أيام');
    expect(arabic.text).toContain('45 يومًا'); // silent since the start, 45 days ago
    const rules = (await rowsFor(t, meetingId)).map(
      (r) => `${r.rule} ${r.recipient_address} ${r.status}`,
    );
    expect(rules).toEqual([
      `stagnation_nudge:21 ${DEMO.focalMa} sent`,
      `stagnation_nudge:21 ${DEMO.pm} sent`,
      `stagnation_nudge:7 ${DEMO.focalMa} sent`,
      `stagnation_nudge:7 ${DEMO.pm} sent`,
    ]);
    await t.dataSource.query(`UPDATE users SET locale = 'fr' WHERE email = $1`, [DEMO.focalMa]);
  });

  it('what a nudge lists is decided when it is sent: once the silent part is updated, it is cancelled', async () => {
    const composer = t.app.get(ReminderMessageComposer, { strict: false });
    const claimed = await t.dataSource.query<ClaimedNotification[]>(
      `SELECT id, subject_type AS "subjectType", subject_id AS "subjectId", rule,
              rule_kind AS "ruleKind", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
              recipient_type AS "recipientType", recipient_id AS "recipientId", channel, escalated,
              attempts
         FROM notifications WHERE subject_id = $1 AND rule = 'stagnation_nudge:7'
        ORDER BY recipient_address`,
      [meetingId],
    );
    expect(claimed).toHaveLength(2);
    for (const row of claimed) expect(await composer.compose(row)).not.toBeNull();

    const [{ id: jointId }] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM activities WHERE title = $1`,
      [silentTitle],
    );
    const [{ version }] = await t.dataSource.query<{ version: number }[]>(
      `SELECT version FROM activity_parts WHERE activity_id = $1 AND party_code = 'MA'`,
      [jointId],
    );
    await t.http
      .patch(`/api/activities/${jointId}/parts/MA`)
      .set('Authorization', await bearer(DEMO.focalMa))
      .send({ version, progressPercent: 10 })
      .expect(200);
    for (const row of claimed) expect(await composer.compose(row)).toBeNull();

    // The meeting moves 20 days later: on its new 21-day day every part was updated less than 30
    // days before (Côte d'Ivoire's and the other Moroccan one 25 days, this one 6), so nobody is nudged.
    const current = await t.http
      .get(`/api/action-plans/${planId}/meetings/${meetingId}`)
      .set('Authorization', pm)
      .expect(200);
    await t.http
      .patch(`/api/action-plans/${planId}/meetings/${meetingId}`)
      .set('Authorization', pm)
      .send({ version: current.body.version, heldOn: addDays(heldOn, 20) })
      .expect(200);
    t.clock.set(at(31 + 20));
    await sweep(t);
    expect(await nudgeRows()).toHaveLength(4);
  });

  describe('settings, in the reminder rules', () => {
    const rules = () => t.http.get('/api/reminder-rules').set('Authorization', pm).expect(200);
    const put = (body: object, status: number) =>
      t.http.put('/api/reminder-rules').set('Authorization', pm).send(body).expect(status);
    const fieldsOf = (res: { body: { errors?: { field: string }[] } }) =>
      (res.body.errors ?? []).map((e) => e.field);

    it('shows the defaults: 21 and 7 days before a meeting, silent after 30 days', async () => {
      expect((await rules()).body.stagnation).toEqual({
        daysBeforeMeeting: [21, 7],
        silentAfterDays: 30,
      });
    });

    it.each([
      [
        'a lead time of 0',
        { daysBeforeMeeting: [7, 0], silentAfterDays: 30 },
        'stagnation.daysBeforeMeeting',
      ],
      [
        'a lead time over 180',
        { daysBeforeMeeting: [181], silentAfterDays: 30 },
        'stagnation.daysBeforeMeeting',
      ],
      [
        'the same lead twice',
        { daysBeforeMeeting: [7, 7], silentAfterDays: 30 },
        'stagnation.daysBeforeMeeting',
      ],
      [
        'a lead that is not a number',
        { daysBeforeMeeting: ['7j'], silentAfterDays: 30 },
        'stagnation.daysBeforeMeeting',
      ],
      ['no lead list', { silentAfterDays: 30 }, 'stagnation.daysBeforeMeeting'],
      [
        'silence of 0 days',
        { daysBeforeMeeting: [21], silentAfterDays: 0 },
        'stagnation.silentAfterDays',
      ],
      [
        'silence over 365 days',
        { daysBeforeMeeting: [21], silentAfterDays: 366 },
        'stagnation.silentAfterDays',
      ],
      [
        'silence as text',
        { daysBeforeMeeting: [21], silentAfterDays: '30' },
        'stagnation.silentAfterDays',
      ],
      ['not an object', 'soon', 'stagnation'],
    ])(
      'refuses %s with a problem naming the field, and changes nothing',
      async (_name, stagnation, field) => {
        const before = (await rules()).body;
        const res = await put({ ...before, stagnation }, 400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(fieldsOf(res)).toContain(field);
        expect((await rules()).body).toEqual(before);
      },
    );

    it('a manager saves new settings (lead times sorted); a PUT without them keeps them', async () => {
      const before = (await rules()).body;
      const saved = await put(
        { ...before, stagnation: { daysBeforeMeeting: [7, 30, 14], silentAfterDays: 45 } },
        200,
      );
      expect(saved.body.stagnation).toEqual({
        daysBeforeMeeting: [30, 14, 7],
        silentAfterDays: 45,
      });
      const { stagnation: _kept, ...older } = saved.body;
      await put({ ...older, activityOverdue: { everyDays: 3 } }, 200);
      expect((await rules()).body).toMatchObject({
        activityOverdue: { everyDays: 3 },
        stagnation: { daysBeforeMeeting: [30, 14, 7], silentAfterDays: 45 },
      });
      await put(before, 200);
    });

    it('a focal point can neither read nor change them', async () => {
      const focal = await bearer(DEMO.focalMa);
      await t.http.get('/api/reminder-rules').set('Authorization', focal).expect(403);
      const before = (await rules()).body;
      await t.http
        .put('/api/reminder-rules')
        .set('Authorization', focal)
        .send({ ...before, stagnation: { daysBeforeMeeting: [3], silentAfterDays: 5 } })
        .expect(403);
      expect((await rules()).body).toEqual(before);
    });
  });
});
