import { useBrowserApp } from '../support/browser';
import { rowsFor, sweep } from '../support/reminder-fixtures';
import { DEMO, TestApp } from '../support/test-app';

/** Working hours in Casablanca and Abidjan on `day`, so mail is not held back. */
const at = (day: string) => `${day}T11:00:00Z`;

/**
 * The treaty-aware lifecycle (issue 10, part 4) through the API: entry into force computed from the
 * parties' notifications, provisional application, amendments from their own entry into force,
 * denunciation with the Vienna Convention's twelve months, who may record what, the reminders, and the
 * timeline in the page.
 */
describe('agreement lifecycle', () => {
  let t: TestApp;
  let pm: string;
  let focalMa: string;
  let focalCi: string;
  let observer: string;
  let mouId: string;

  const create = async (body: Record<string, unknown>) =>
    (
      await t.http
        .post('/api/agreements')
        .set('Authorization', pm)
        .send({
          kind: 'mou',
          partyCodes: ['MA', 'CI'],
          durationMonths: 24,
          renewal: { mode: 'none' },
          ...body,
        })
        .expect(201)
    ).body;
  const notify = (token: string, id: string, body: Record<string, unknown>, status: number) =>
    t.http
      .post(`/api/agreements/${id}/notifications`)
      .set('Authorization', token)
      .send(body)
      .expect(status);
  const view = async (id: string) =>
    (await t.http.get(`/api/agreements/${id}`).set('Authorization', pm).expect(200)).body;
  const fieldsOf = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field);

  // One app for the API tests and the page test, on the run's shared Chromium.
  const b = useBrowserApp({
    setup: async (app) => {
      t = app;
      await prepare();
    },
    teardown: async () => t.clock.reset(),
  });
  async function prepare(): Promise<void> {
    // One after the other: the login gate refuses many password checks at once.
    pm = await t.tokenFor(DEMO.pm);
    focalMa = await t.tokenFor(DEMO.focalMa);
    focalCi = await t.tokenFor(DEMO.focalCi);
    observer = await t.tokenFor(DEMO.observer);
    t.clock.set(at('2025-05-10'));
    const mou = await create({
      title: 'MoU lifecycle',
      signedOn: '2025-04-08',
      entryIntoForce: { basis: 'days_after_last_notification', count: 30 },
    });
    mouId = mou.id;
  }

  it('a new MoU waits for both notifications: signed, not in force, no date typed', async () => {
    const mou = await view(mouId);
    expect(mou.status).toBe('draft');
    expect(mou.lifecycle).toMatchObject({
      stage: 'signed',
      entryIntoForceOn: null,
      awaitingNotificationFrom: ['MA', 'CI'],
      clause: { basis: 'days_after_last_notification', count: 30 },
      denunciationNoticeMonths: null,
    });
    const typed = await t.http
      .post('/api/agreements')
      .set('Authorization', pm)
      .send({
        kind: 'mou',
        title: 'Typed under a clause',
        partyCodes: ['MA', 'CI'],
        signedOn: '2025-04-08',
        entryIntoForceOn: '2025-05-01',
        entryIntoForce: { basis: 'days_after_last_notification', count: 30 },
        durationMonths: 12,
        renewal: { mode: 'none' },
      })
      .expect(400);
    expect(fieldsOf(typed.body)).toEqual(['entryIntoForceOn']);
  });

  it('reminds the parties that have not notified, 30 days after signature, once', async () => {
    await sweep(t);
    await sweep(t);
    const rows = (await rowsFor(t, mouId)).filter((r) => r.channel === 'email');
    expect(rows.map((r) => [r.rule, r.recipient_address, r.due_on])).toEqual([
      ['agreement_notification_missing:30', DEMO.focalCi, '2025-04-08'],
      ['agreement_notification_missing:30', DEMO.focalMa, '2025-04-08'],
      ['agreement_notification_missing:30', DEMO.pm, '2025-04-08'],
    ]);
  });

  it("a focal point records its own party's notification only; errors name the field", async () => {
    t.clock.set(at('2025-08-01'));
    await notify(focalCi, mouId, { partyCode: 'MA', notifiedOn: '2025-06-02' }, 403);
    await notify(observer, mouId, { partyCode: 'MA', notifiedOn: '2025-06-02' }, 403);
    const early = await notify(focalMa, mouId, { partyCode: 'MA', notifiedOn: '2025-04-07' }, 400);
    expect(fieldsOf(early.body)).toEqual(['notifiedOn']);
    const future = await notify(focalMa, mouId, { partyCode: 'MA', notifiedOn: '2025-08-02' }, 400);
    expect(fieldsOf(future.body)).toEqual(['notifiedOn']);
    const stranger = await notify(pm, mouId, { partyCode: 'SN', notifiedOn: '2025-06-02' }, 400);
    expect(fieldsOf(stranger.body)).toEqual(['partyCode']);

    // A wrong date is corrected by deleting the notification (not by the other party) and recording it again.
    const wrong = await notify(focalMa, mouId, { partyCode: 'MA', notifiedOn: '2025-06-03' }, 201);
    await notify(focalMa, mouId, { partyCode: 'MA', notifiedOn: '2025-06-02' }, 409);
    const url = `/api/agreements/${mouId}/notifications/${wrong.body.notification.id}`;
    await t.http.delete(url).set('Authorization', focalCi).expect(403);
    await t.http.delete(url).set('Authorization', focalMa).expect(200);
    const right = await notify(
      focalMa,
      mouId,
      { partyCode: 'MA', notifiedOn: '2025-06-02', reference: 'NV 123/2025' },
      201,
    );
    expect(right.body.agreement.lifecycle).toMatchObject({
      stage: 'signed',
      awaitingNotificationFrom: ['CI'],
    });
  });

  it('goes on reminding only the party still to notify', async () => {
    await sweep(t);
    const rows = (await rowsFor(t, mouId)).filter(
      (r) => r.channel === 'email' && r.rule === 'agreement_notification_missing:90',
    );
    expect(rows.map((r) => r.recipient_address)).toEqual([DEMO.focalCi, DEMO.pm]);
  });

  it('notified 2 June and 15 July, "30 days after the last notification": in force on 14 August 2025', async () => {
    const res = await notify(focalCi, mouId, { partyCode: 'CI', notifiedOn: '2025-07-15' }, 201);
    const mou = res.body.agreement;
    expect(mou).toMatchObject({
      entryIntoForceOn: '2025-08-14',
      expiresOn: '2027-08-13',
      status: 'in_force',
      lifecycle: {
        stage: 'signed', // on 1 August, still before its entry into force
        entryIntoForceOn: '2025-08-14',
        lastNotificationOn: '2025-07-15',
        awaitingNotificationFrom: [],
      },
    });
    // The stored columns the sweeps read moved in the same transaction.
    const [row] = await t.dataSource.query(
      `SELECT to_char(entry_into_force_on, 'YYYY-MM-DD') AS e, to_char(expires_on, 'YYYY-MM-DD') AS x
         FROM agreements WHERE id = $1`,
      [mouId],
    );
    expect(row).toEqual({ e: '2025-08-14', x: '2027-08-13' });
    const moved = await t.http
      .patch(`/api/agreements/${mouId}`)
      .set('Authorization', pm)
      .send({ signedOn: '2025-07-01' })
      .expect(400);
    expect(fieldsOf(moved.body)).toEqual(['signedOn']);
    t.clock.set(at('2025-08-14'));
    expect((await view(mouId)).lifecycle.stage).toBe('in_force');
    await t.http.get(`/api/agreements/${mouId}`).set('Authorization', observer).expect(404);
  });

  it('a denunciation notified 1 March 2026 with no clause ends the agreement on 1 March 2027', async () => {
    const denounce = (token: string, body: Record<string, unknown>, status: number) =>
      t.http
        .post(`/api/agreements/${mouId}/denunciations`)
        .set('Authorization', token)
        .send(body)
        .expect(status);
    const early = await denounce(pm, { partyCode: 'CI', notifiedOn: '2025-08-13' }, 400);
    expect(fieldsOf(early.body)).toEqual(['notifiedOn']);
    t.clock.set(at('2026-03-02'));
    await denounce(focalCi, { partyCode: 'CI', notifiedOn: '2026-03-01' }, 403);

    const first = await denounce(pm, { partyCode: 'CI', notifiedOn: '2026-03-01' }, 201);
    expect(first.body.denunciation.takesEffectOn).toBe('2027-03-01');
    // Withdrawn before it takes effect, it ends nothing; recorded again, it does.
    const withdrawn = await t.http
      .delete(`/api/agreements/${mouId}/denunciations/${first.body.denunciation.id}`)
      .set('Authorization', pm)
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      expiresOn: '2027-08-13',
      lifecycle: { denunciation: null },
    });
    const again = await denounce(pm, { partyCode: 'CI', notifiedOn: '2026-03-01' }, 201);
    expect(again.body.agreement).toMatchObject({
      expiresOn: '2027-02-28', // the last day in force
      noticeDeadlineOn: null,
      lifecycle: {
        stage: 'denounced',
        endsOn: '2027-03-01',
        denunciation: { partyCode: 'CI', notifiedOn: '2026-03-01', takesEffectOn: '2027-03-01' },
      },
    });
    await denounce(pm, { partyCode: 'CI', notifiedOn: '2026-03-02' }, 409);

    const timeline = await t.http
      .get(`/api/agreements/${mouId}/timeline`)
      .set('Authorization', focalMa)
      .expect(200);
    expect(
      timeline.body.items.map((e: { on: string; kind: string }) => `${e.on} ${e.kind}`),
    ).toEqual([
      '2025-04-08 signature',
      '2025-06-02 notification',
      '2025-07-15 notification',
      '2025-08-14 entry_into_force',
      '2026-03-01 denunciation_notified',
      '2026-03-01 denunciation_notified',
      '2026-03-02 denunciation_withdrawn',
      '2027-03-01 denunciation_effective',
    ]);
  });

  it("reminds of the end of the denunciation's notice period once, 90 days before", async () => {
    t.clock.set(at('2026-12-01'));
    await sweep(t);
    const again = await sweep(t);
    const rows = (await rowsFor(t, mouId)).filter((r) => r.rule.startsWith('denunciation_effect'));
    expect(rows.map((r) => [r.rule, r.recipient_address, r.due_on])).toEqual([
      ['denunciation_effect:90', DEMO.focalCi, '2027-03-01'],
      ['denunciation_effect:90', DEMO.focalMa, '2027-03-01'],
      ['denunciation_effect:90', DEMO.pm, '2027-03-01'],
    ]);
    expect(again.inserted).toBe(0);
    // No expiry reminder besides: the denunciation's says it.
    expect((await rowsFor(t, mouId)).filter((r) => r.rule.startsWith('agreement_expiry'))).toEqual(
      [],
    );
  });

  it('is terminated the day the denunciation takes effect, and the denunciation can no longer be withdrawn', async () => {
    t.clock.set(at('2027-03-01'));
    const mou = await view(mouId);
    expect(mou).toMatchObject({ status: 'terminated', lifecycle: { stage: 'terminated' } });
    await t.http
      .delete(`/api/agreements/${mouId}/denunciations/${mou.lifecycle.denunciation.id}`)
      .set('Authorization', pm)
      .expect(409);
  });

  it('an amendment changes the term from its own entry into force', async () => {
    t.clock.set(at('2025-09-01'));
    const agreement = await create({
      title: 'Amended',
      signedOn: '2025-01-01',
      durationMonths: 12,
      entryIntoForce: { basis: 'signature' },
    });
    const url = `/api/agreements/${agreement.id}/amendments`;
    const missingDate = await t.http
      .post(url)
      .set('Authorization', pm)
      .send({ title: 'A', signedOn: '2025-06-01', entryIntoForce: { basis: 'typed' } })
      .expect(400);
    expect(fieldsOf(missingDate.body)).toEqual(['entryIntoForceOn']);
    await t.http
      .post(url)
      .set('Authorization', focalMa)
      .send({ title: 'A', signedOn: '2025-06-01', entryIntoForce: { basis: 'signature' } })
      .expect(403);
    const created = await t.http
      .post(url)
      .set('Authorization', pm)
      .send({
        title: 'Avenant n° 1',
        signedOn: '2025-06-01',
        entryIntoForce: { basis: 'days_after_last_notification', count: 0 },
        changes: { durationMonths: 24 },
      })
      .expect(201);
    const amendmentId = created.body.amendment.id;
    await notify(
      focalMa,
      agreement.id,
      { partyCode: 'MA', notifiedOn: '2025-07-01', amendmentId },
      201,
    );
    const before = await view(agreement.id);
    expect(before.expiresOn).toBe('2025-12-31');
    expect(before.lifecycle.amendments).toMatchObject([
      {
        id: amendmentId,
        title: 'Avenant n° 1',
        entryIntoForceOn: null,
        awaitingNotificationFrom: ['CI'],
      },
    ]);
    const res = await notify(
      focalCi,
      agreement.id,
      { partyCode: 'CI', notifiedOn: '2025-08-01', amendmentId },
      201,
    );
    expect(res.body.agreement).toMatchObject({
      durationMonths: 12, // the original terms stay as signed
      expiresOn: '2026-12-31',
      lifecycle: {
        termsInForce: { durationMonths: 24 },
        amendments: [{ id: amendmentId, entryIntoForceOn: '2025-08-01', inForce: true }],
      },
    });
    // Abandoned, it changes nothing any more.
    await t.http
      .patch(`${url}/${amendmentId}`)
      .set('Authorization', pm)
      .send({ status: 'abandoned' })
      .expect(200);
    expect((await view(agreement.id)).expiresOn).toBe('2025-12-31');
    const list = await t.http.get(url).set('Authorization', focalCi).expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it('applied provisionally from signature while notifications are awaited', async () => {
    const agreement = await create({
      title: 'Provisional',
      signedOn: '2025-06-10',
      entryIntoForce: { basis: 'first_day_of_month_after_last_notification', count: 1 },
      provisionalApplication: true,
      denunciationNoticeMonths: 6,
    });
    expect(agreement).toMatchObject({
      status: 'in_force',
      expiresOn: '2027-06-09',
      lifecycle: {
        stage: 'provisionally_applied',
        provisionalApplication: true,
        awaitingNotificationFrom: ['MA', 'CI'],
        denunciationNoticeMonths: 6,
      },
    });
    const res = await t.http
      .post(`/api/agreements/${agreement.id}/denunciations`)
      .set('Authorization', pm)
      .send({ partyCode: 'MA', notifiedOn: '2025-08-31' })
      .expect(201);
    expect(res.body.denunciation.takesEffectOn).toBe('2026-02-28');
  });

  it("shows the timeline on the agreement's page, in Arabic at 360 px, and records a notification there", async () => {
    // Real time again: the browser keeps cookies by the server's clock.
    t.clock.reset();
    const agreement = await create({
      title: 'Browser MoU',
      signedOn: '2025-04-08',
      entryIntoForce: { basis: 'days_after_last_notification', count: 30 },
    });
    await notify(pm, agreement.id, { partyCode: 'MA', notifiedOn: '2025-06-02' }, 201);
    // Signed in through the API (the login form has its own tests), straight to the agreement.
    const page = await b.newPage({
      lang: 'ar',
      width: 360,
      user: DEMO.focalCi,
      path: `/?lang=ar#agreement/${agreement.id}`,
    });
    await page.locator('#lifecycle-timeline').waitFor();
    await expect(
      page.locator('#lifecycle-stage [data-stage]').getAttribute('data-stage'),
    ).resolves.toBe('signed');
    await expect(page.locator('#lifecycle-awaiting').count()).resolves.toBe(1);
    await expect(
      page
        .locator('#lifecycle-timeline li')
        .evaluateAll((items) =>
          items.map((li) => (li as unknown as { dataset: { kind: string } }).dataset.kind),
        ),
    ).resolves.toEqual(['signature', 'notification']);
    await expect(page.evaluate('document.documentElement.dir')).resolves.toBe('rtl');
    // The focal point of Côte d'Ivoire may record its own party's notification, and only that one.
    await page.locator('#lifecycle-notify summary').click();
    await expect(
      page
        .locator('#lifecycle-notification-form-partyCode option')
        .evaluateAll((o) => o.map((x) => (x as unknown as { value: string }).value)),
    ).resolves.toEqual(['CI']);
    await expect(page.locator('#lifecycle-amend').count()).resolves.toBe(0);
    await page.locator('#lifecycle-notification-form-notifiedOn').fill('2025-07-15');
    await page.locator('#lifecycle-notification-form button[type=submit]').click();
    await page.locator('#lifecycle-timeline li[data-kind=entry_into_force]').waitFor();
    await expect(
      page.locator('#lifecycle-timeline li[data-kind=entry_into_force]').getAttribute('data-on'),
    ).resolves.toBe('2025-08-14');
    const width = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth })',
    );
    expect(width.scroll).toBeLessThanOrEqual(width.inner);
  });
});
