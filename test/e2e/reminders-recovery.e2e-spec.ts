import { withoutRequiredEvidence } from '../support/evidence-files';
import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { addDays } from '../../src/common/time/calendar-date';
import { bullPrefix } from '../../src/queues/queue-names';
import {
  createActivity,
  rowsFor,
  settled,
  startReminderApp,
  sweep,
} from '../support/reminder-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { DEMO, TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { ensureBuilt, spawnWorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

describe('reminders survive crashes, Redis loss and changes of plan', () => {
  /** The built worker as its own process, on this suite's database and Redis prefix. */
  const spawnWorker = (stdio: 'ignore' | 'pipe' = 'ignore'): ChildProcess =>
    spawnWorkerProcess(
      {
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        SMTP_URL: t.config.SMTP_URL,
        DELIVERY_CONCURRENCY: '2',
        DELIVERY_LOCK_MS: '6000',
        SMTP_TIMEOUT_MS: '5000',
        WEBHOOK_TIMEOUT_MS: '5000',
        REMINDER_SWEEP_EVERY_MS: '3600000',
      },
      stdio,
    );
  const sink = new SmtpSink();
  let t: TestApp;
  let planId: string;
  let today: string;
  const mailsAbout = (title: string) => sink.about(title);

  beforeAll(async () => {
    ({ t, planId, today } = await startReminderApp(sink, {
      DELIVERY_ATTEMPTS: '5',
      DELIVERY_BACKOFF_MS: '100',
      DELIVERY_LOCK_MS: '6000',
      SMTP_TIMEOUT_MS: '5000',
      WEBHOOK_TIMEOUT_MS: '5000',
      REMINDER_REQUEUE_GRACE_MS: '0',
    }));
    // Completing activities here is about reminders, not proof: no evidence required.
    await withoutRequiredEvidence(t);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  it('moving a deadline re-plans its reminders and completing an activity stops them', async () => {
    const moved = await createActivity(t, planId, {
      title: 'Visite reportée',
      dueOn: addDays(today, 7),
    });
    const done = await createActivity(t, planId, {
      title: 'Atelier achevé',
      dueOn: addDays(today, 7),
    });
    await sweep(t); // planned while no worker runs: the rows wait in the queue
    const pm = await t.tokenFor(DEMO.pm);
    await t.http
      .patch(`/api/activities/${moved.id}`)
      .set('Authorization', pm)
      .send({ version: moved.version, dueOn: addDays(today, 20) })
      .expect(200);
    await t.http
      .patch(`/api/activities/${done.id}`)
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .send({ version: done.version, status: 'completed' })
      .expect(200);
    await sweep(t);

    const worker = await startWorker(t);
    try {
      await settled(t, [moved.id, done.id]);
    } finally {
      await worker.close();
    }
    const movedRows = await rowsFor(t, moved.id);
    expect(movedRows.map((r) => [r.rule, r.due_on, r.status])).toEqual([
      ['activity_due:30', addDays(today, 20), 'sent'],
      ['activity_due:30', addDays(today, 20), 'sent'],
      ['activity_due:7', addDays(today, 7), 'cancelled'],
      ['activity_due:7', addDays(today, 7), 'cancelled'],
    ]);
    expect((await rowsFor(t, done.id)).every((r) => r.status === 'cancelled')).toBe(true);
    expect(mailsAbout('Atelier achevé')).toHaveLength(0);
    expect(mailsAbout('Visite reportée')).toHaveLength(2);
  });

  it('after Redis is wiped, sweeping again delivers what was not sent, and only that', async () => {
    const sentBefore = await createActivity(t, planId, {
      title: 'Déjà envoyé',
      dueOn: addDays(today, 1),
    });
    let worker = await startWorker(t);
    await sweep(t);
    await settled(t, [sentBefore.id]);
    await worker.close();
    expect(mailsAbout('Déjà envoyé')).toHaveLength(2);

    const lost = [
      await createActivity(t, planId, { title: 'Perdu un', dueOn: addDays(today, 1) }),
      await createActivity(t, planId, { title: 'Perdu deux', dueOn: addDays(today, 1) }),
    ];
    await sweep(t); // enqueued, but nobody is listening

    const redis = new Redis(t.config.REDIS_URL);
    try {
      const keys = await redis.keys(`${bullPrefix(t.config.REDIS_PREFIX)}*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }

    worker = await startWorker(t);
    try {
      const report = await sweep(t);
      expect(report.requeued).toBeGreaterThanOrEqual(4);
      await settled(
        t,
        lost.map((a) => a.id),
      );
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await worker.close();
    }
    expect(mailsAbout('Perdu un')).toHaveLength(2);
    expect(mailsAbout('Perdu deux')).toHaveLength(2);
    expect(mailsAbout('Déjà envoyé')).toHaveLength(2);
  });

  it('a worker killed with SIGKILL mid-batch loses nothing', async () => {
    ensureBuilt();
    const ids: string[] = [];
    for (let i = 1; i <= 10; i++) {
      ids.push(
        (await createActivity(t, planId, { title: `Lot ${i} —`, dueOn: addDays(today, 7) })).id,
      );
    }
    await sweep(t); // 20 deliveries waiting
    const rowIds = (await Promise.all(ids.map((id) => rowsFor(t, id)))).flat().map((r) => r.id);
    expect(rowIds).toHaveLength(20);

    sink.delayMs = 250; // slow SMTP, so the kill lands mid-batch
    const child = spawnWorker();
    const delivered = () => sink.mails.filter((m) => rowIds.includes(m.notificationId));
    try {
      await waitFor('a few deliveries by the child worker', () => delivered().length >= 4, 30000);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    const beforeRecovery = delivered().length;
    expect(beforeRecovery).toBeLessThan(20);

    sink.delayMs = 0;
    const worker = await startWorker(t);
    try {
      // Stalled jobs come back when their lock expires; the sweep re-enqueues anything else.
      await waitFor(
        'every delivery',
        async () => {
          await sweep(t);
          return new Set(delivered().map((m) => m.notificationId)).size === 20;
        },
        45000,
        500,
      );
      await settled(t, ids);
    } finally {
      await worker.close();
    }
    const counts = new Map<string, number>();
    for (const m of delivered())
      counts.set(m.notificationId, (counts.get(m.notificationId) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...rowIds].sort());
    // At most the deliveries in flight at the kill (concurrency 2) may have gone out twice.
    expect([...counts.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(2);
    const statuses = (await Promise.all(ids.map((id) => rowsFor(t, id))))
      .flat()
      .map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set(['sent']));
  });

  it('SIGTERM lets the deliveries in flight finish and leaves the rest pending for the next worker', async () => {
    ensureBuilt();
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) {
      ids.push(
        (await createActivity(t, planId, { title: `Arrêt ${i} —`, dueOn: addDays(today, 7) })).id,
      );
    }
    await sweep(t);
    const rowIds = (await Promise.all(ids.map((id) => rowsFor(t, id)))).flat().map((r) => r.id);
    const delivered = () => sink.mails.filter((m) => rowIds.includes(m.notificationId));
    sink.delayMs = 400;
    const child = spawnWorker('pipe');
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.resume();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitFor('the first delivery', () => delivered().length >= 1, 30000);
    } finally {
      child.kill('SIGTERM');
    }
    await exited;
    // Nest closes the application on SIGTERM, then re-raises the signal to exit.
    expect(output).toContain('SIGTERM: finishing jobs in flight');
    expect(output).toContain('workers closed');
    sink.delayMs = 0;

    const rows = (await Promise.all(ids.map((id) => rowsFor(t, id)))).flat();
    const sentIds = rows.filter((r) => r.status === 'sent').map((r) => r.id);
    // Every mail that went out was marked sent before the process exited, none is left leased...
    expect(
      delivered()
        .map((m) => m.notificationId)
        .sort(),
    ).toEqual([...sentIds].sort());
    const [{ leased }] = await t.dataSource.query<{ leased: number }[]>(
      `SELECT count(*)::int AS leased FROM notifications
        WHERE id = ANY($1::uuid[]) AND status = 'pending' AND locked_until > now()`,
      [rowIds],
    );
    expect(leased).toBe(0);
    // ...and the next worker delivers the rest, once.
    const worker = await startWorker(t);
    try {
      await settled(t, ids);
    } finally {
      await worker.close();
    }
    expect(delivered()).toHaveLength(rowIds.length);
    expect(new Set(delivered().map((m) => m.notificationId)).size).toBe(rowIds.length);
  });
});
