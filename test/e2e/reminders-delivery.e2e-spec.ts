import { createHmac } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { addDays } from '../../src/common/time/calendar-date';
import {
  createActivity,
  rowsFor,
  settled,
  startReminderApp,
  sweep,
} from '../support/reminder-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { WorkerHealthServer } from '../../src/worker/worker-health-server';
import { createTestApp, DEMO, TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { WebhookReceiver } from '../support/webhook-receiver';
import { waitFor } from '../support/wait';

describe('reminder delivery: mail and webhooks, once', () => {
  const sink = new SmtpSink();
  const receiver = new WebhookReceiver();
  let t: TestApp;
  let worker: INestApplicationContext;
  let planId: string;
  let receiverPort: number;
  let today: string;
  const mailsAbout = (title: string) => sink.about(title);

  beforeAll(async () => {
    receiverPort = await receiver.start();
    ({ t, planId, today } = await startReminderApp(sink, {
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '50',
      // Timeouts generous for a busy machine: a send that times out after the server accepted it
      // would be retried and counted twice.
      DELIVERY_LOCK_MS: '6000',
      SMTP_TIMEOUT_MS: '5000',
      WEBHOOK_TIMEOUT_MS: '5000',
    }));
    worker = await startWorker(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink.stop();
    await receiver.stop();
  });

  it('an activity due tomorrow gives exactly one mail to each recipient, in their language; a second sweep sends nothing new', async () => {
    const title = 'Atelier de validation du guide de référencement';
    const activity = await createActivity(t, planId, { title, dueOn: addDays(today, 1) });
    // The worker's own scheduled sweep may plan it first; either way it is planned once.
    await sweep(t);
    await waitFor('two mails', () => mailsAbout(title).length >= 2);
    await settled(t, [activity.id]);

    const mails = mailsAbout(title);
    expect(mails.map((m) => m.to).sort()).toEqual([DEMO.focalMa, DEMO.pm]);
    const french = mails.find((m) => m.to === DEMO.focalMa)!;
    expect(french.subject).toBe(`Échéance demain : ${title}`);
    expect(french.text).toContain('arrive à échéance le');
    expect(french.html).toContain('lang="fr"');
    const english = mails.find((m) => m.to === DEMO.pm)!;
    expect(english.subject).toBe(`Due tomorrow: ${title}`);
    const rows = await rowsFor(t, activity.id);
    expect(rows.map((r) => [r.rule, r.status])).toEqual([
      ['activity_due:1', 'sent'],
      ['activity_due:1', 'sent'],
    ]);
    expect(mails.map((m) => m.notificationId).sort()).toEqual(rows.map((r) => r.id).sort());

    const second = await sweep(t);
    expect(second.inserted).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsAbout(title)).toHaveLength(2);
  });

  it('two workers and two api instances sweeping at once deliver each mail once', async () => {
    const secondApi = await createTestApp({ shareWith: t });
    const secondWorker = await startWorker(t);
    try {
      const titles = [
        'Session A sur la collecte',
        'Session B sur la collecte',
        'Session C sur la collecte',
      ];
      const ids: string[] = [];
      for (const title of titles) {
        ids.push((await createActivity(t, planId, { title, dueOn: addDays(today, 7) })).id);
      }
      await Promise.all([sweep(t), sweep(secondApi), sweep(t), sweep(secondApi)]);
      await waitFor('six mails', () => titles.flatMap(mailsAbout).length >= 6);
      await settled(t, ids);
      await new Promise((r) => setTimeout(r, 300));
      const mails = titles.flatMap(mailsAbout);
      expect(mails).toHaveLength(6);
      expect(new Set(mails.map((m) => `${m.to}|${m.subject}`)).size).toBe(6);
      expect(new Set(mails.map((m) => m.notificationId)).size).toBe(6);
    } finally {
      await secondWorker.close();
      await secondApi.close();
    }
  });

  it('calls a subscribed webhook with a verifiable signature and the notification id as Idempotency-Key', async () => {
    const admin = await t.tokenFor(DEMO.admin);
    const created = await t.http
      .post('/api/webhooks')
      .set('Authorization', admin)
      .send({ url: `http://127.0.0.1:${receiverPort}/hook`, events: ['activity_due'] })
      .expect(201);
    const secret = created.body.secret as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await t.http.get('/api/webhooks').set('Authorization', admin).expect(200);
    expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(listed.body.items[0]).toMatchObject({ id: created.body.id, events: ['activity_due'] });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const activity = await createActivity(t, planId, {
      title: 'Échange de décisions de justice',
      dueOn: addDays(today, 7),
    });
    await sweep(t);
    const call = await waitFor('the webhook call', () =>
      receiver.calls.find((c) => JSON.parse(c.body).subject.id === activity.id),
    );
    const body = JSON.parse(call.body);
    expect(call.headers['x-accords-event']).toBe('activity_due');
    expect(call.headers['idempotency-key']).toBe(body.id);
    const expected = `sha256=${createHmac('sha256', secret).update(call.body).digest('hex')}`;
    expect(call.headers['x-accords-signature']).toBe(expected);
    expect(body).toMatchObject({
      event: 'activity_due',
      rule: 'activity_due:7',
      dueOn: addDays(today, 7),
    });
    await settled(t, [activity.id]);
    const webhookRow = (await rowsFor(t, activity.id)).find((r) => r.channel === 'webhook')!;
    expect(webhookRow).toMatchObject({ id: body.id, status: 'sent' });

    await t.http.delete(`/api/webhooks/${created.body.id}`).set('Authorization', admin).expect(204);
  });

  it('retries a failing webhook with backoff, then leaves the row failed with its last error', async () => {
    const failing = new WebhookReceiver();
    failing.status = 500;
    const port = await failing.start();
    try {
      const admin = await t.tokenFor(DEMO.admin);
      const hook = await t.http
        .post('/api/webhooks')
        .set('Authorization', admin)
        .send({ url: `http://127.0.0.1:${port}/down`, events: ['activity_overdue'] })
        .expect(201);
      const activity = await createActivity(t, planId, {
        title: 'Rapport conjoint en souffrance',
        dueOn: addDays(today, -1),
      });
      await sweep(t);
      await settled(t, [activity.id]);
      const row = (await rowsFor(t, activity.id)).find((r) => r.channel === 'webhook')!;
      expect(row).toMatchObject({ status: 'failed', attempts: 3 });
      expect(row.last_error).toContain('HTTP 500');
      const ours = failing.calls.filter((c) => JSON.parse(c.body).subject.id === activity.id);
      expect(ours).toHaveLength(3);
      expect(new Set(ours.map((c) => c.headers['idempotency-key']))).toEqual(new Set([row.id]));
      const listed = await t.http
        .get(`/api/notifications?status=failed&subject=${activity.id}`)
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .expect(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).toMatchObject({
        id: row.id,
        lastError: expect.stringContaining('500'),
      });
      await t.http.delete(`/api/webhooks/${hook.body.id}`).set('Authorization', admin).expect(204);
    } finally {
      await failing.stop();
    }
  });

  it('the worker answers its health port when PostgreSQL and Redis do', async () => {
    const port = worker.get(WorkerHealthServer).port();
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
