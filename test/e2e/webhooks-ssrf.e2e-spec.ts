import type { INestApplicationContext } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { addDays, todayIn } from '../../src/common/time/calendar-date';
import { HostResolver } from '../../src/common/net/ssrf-guard';
import { seededPlan } from '../support/fixtures';
import {
  createActivity,
  rowsFor,
  settled,
  sweep,
  workingHoursToday,
} from '../support/reminder-fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Stub DNS: no real resolver is asked and no traffic leaves loopback. */
class StubResolver extends HostResolver {
  readonly table: Record<string, string[]> = {
    'metadata.accords.test': ['169.254.169.254'],
    'intranet.accords.test': ['10.20.30.40'],
    'rebinding.accords.test': ['93.184.216.34'],
  };
  async resolve(hostname: string): Promise<string[]> {
    return this.table[hostname] ?? [];
  }
}

describe('webhook targets are checked against SSRF when saved and when called', () => {
  const resolver = new StubResolver();
  const withStubDns = (b: TestingModuleBuilder) =>
    b.overrideProvider(HostResolver).useValue(resolver);
  const receiver = new WebhookReceiver();
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp({
      override: withStubDns,
      env: {
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        DELIVERY_ATTEMPTS: '2',
        DELIVERY_BACKOFF_MS: '50',
      },
    });
    t.clock.set(workingHoursToday());
    worker = await startWorker(t, withStubDns);
    admin = await t.tokenFor(DEMO.admin);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await receiver.stop();
  });

  it.each([
    ['http://10.0.0.1/hook', 'private'],
    ['http://192.168.1.20/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://[::1]:8080/hook', 'loopback'],
    ['http://127.0.0.2/hook', 'loopback'],
    ['http://metadata.accords.test/hook', 'linkLocal'],
    ['http://intranet.accords.test/hook', 'private'],
    ['http://unknown.accords.test/hook', 'does not resolve'],
    ['file:///etc/passwd', 'http or https'],
  ])('refuses %s when saved (%s), naming the url field', async (url, reason) => {
    const res = await t.http
      .post('/api/webhooks')
      .set('Authorization', admin)
      .send({ url, events: ['activity_due'] })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.stringContaining(reason) }]);
  });

  it('only admins manage webhooks', async () => {
    await t.http
      .get('/api/webhooks')
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .expect(403);
    await t.http
      .post('/api/webhooks')
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .send({ url: 'http://127.0.0.1/x', events: ['activity_due'] })
      .expect(403);
  });

  it('refuses to call a host whose DNS answer turned private after it was saved', async () => {
    const saved = await t.http
      .post('/api/webhooks')
      .set('Authorization', admin)
      .send({ url: 'http://rebinding.accords.test/hook', events: ['activity_due'] })
      .expect(201);
    // Loopback but not allow-listed: if the check failed, the call would still stay on this machine.
    resolver.table['rebinding.accords.test'] = ['127.0.0.2'];
    const today = todayIn('Africa/Casablanca', t.clock.now());
    const activity = await createActivity(t, (await seededPlan(t)).planId, {
      title: 'Cible DNS changeante',
      dueOn: addDays(today, 7),
    });
    await sweep(t);
    await settled(t, [activity.id]);
    const row = (await rowsFor(t, activity.id)).find((r) => r.channel === 'webhook')!;
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('127.0.0.2 (loopback)');
    expect(receiver.calls).toHaveLength(0);
    await t.http.delete(`/api/webhooks/${saved.body.id}`).set('Authorization', admin).expect(204);
    await t.http.delete(`/api/webhooks/${saved.body.id}`).set('Authorization', admin).expect(404);
  });
});
