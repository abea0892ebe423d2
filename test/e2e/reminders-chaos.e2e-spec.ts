import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { addDays, todayIn } from '../../src/common/time/calendar-date';
import { AppConfig } from '../../src/config/app-config';
import { NotificationDelivery } from '../../src/notifications/notification-delivery';
import {
  DeliveryBusy,
  NotificationLifecycle,
} from '../../src/notifications/notification-lifecycle';
import { bullPrefix, QUEUES, SCHEDULERS } from '../../src/queues/queue-names';
import { ReminderMessageComposer } from '../../src/reminders/reminder-message-composer';
import { SweepService } from '../../src/reminders/sweep.service';
import { OwnRedis } from '../support/own-redis';
import {
  createActivity,
  rowsFor,
  settled,
  startReminderApp,
  sweep,
} from '../support/reminder-fixtures';
import { type ReceivedMail, SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';
import { ensureBuilt, spawnWorkerProcess } from '../support/worker-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The latest instant not after now that is within working hours in both Casablanca and Abidjan (UTC
 * 08–19): rows planned at it may go out at once, also for the worker processes, which run on the real
 * clock and re-enqueue only rows whose time has come.
 */
function lastWorkingInstant(now = new Date()): Date {
  const hour = now.getUTCHours();
  if (hour >= 9 && hour < 19) return new Date(now.getTime() - 60000);
  const day = hour >= 19 ? now : new Date(now.getTime() - 24 * 3600 * 1000);
  return new Date(`${day.toISOString().slice(0, 10)}T11:00:00Z`);
}

/** Copies received per notification id, restricted to `ids`. */
function tally(mails: ReceivedMail[], ids: string[]) {
  const wanted = new Set(ids);
  const copies = new Map<string, ReceivedMail[]>();
  for (const mail of mails) {
    if (!wanted.has(mail.notificationId)) continue;
    copies.set(mail.notificationId, [...(copies.get(mail.notificationId) ?? []), mail]);
  }
  const lost = ids.filter((id) => !copies.has(id));
  const duplicates = [...copies.values()].reduce((sum, c) => sum + c.length - 1, 0);
  return { copies, lost, duplicates };
}

describe('reminders under chaos: once, never lost, and a Redis that comes back empty heals', () => {
  const sink = new SmtpSink();
  let redis: OwnRedis;
  let t: TestApp;
  let planId: string;
  let today: string;
  const children: (ChildProcess | null)[] = [null, null];
  const logDir = tmpdir();

  /** Settings of the worker processes: short lease, lock and sweep period, one delivery at a time. */
  const workerEnv = (): Record<string, string> => ({
    DATABASE_URL: t.config.DATABASE_URL,
    REDIS_URL: t.config.REDIS_URL,
    REDIS_PREFIX: t.config.REDIS_PREFIX,
    SMTP_URL: t.config.SMTP_URL,
    // One delivery in flight per worker: a kill can then cut at most one send between the server's
    // acceptance and the commit.
    DELIVERY_CONCURRENCY: '1',
    DELIVERY_LOCK_MS: '6000',
    SMTP_TIMEOUT_MS: '5000',
    WEBHOOK_TIMEOUT_MS: '5000',
    DELIVERY_ATTEMPTS: '30',
    DELIVERY_BACKOFF_MS: '100',
    REMINDER_SWEEP_EVERY_MS: '2000',
    REMINDER_REQUEUE_GRACE_MS: '3000',
  });

  /** Worker processes that exited by themselves (a supervisor would restart them, and so do we). */
  const selfExits: string[] = [];

  function startChild(slot: number): void {
    const child = spawnWorkerProcess(workerEnv(), 'pipe');
    const log = createWriteStream(path.join(logDir, `accords-chaos-${process.pid}-w${slot}.log`), {
      flags: 'a',
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children[slot] = child;
    child.once('exit', (code, signal) => {
      if (children[slot] !== child || signal === 'SIGKILL') return;
      selfExits.push(`worker ${slot} exited with ${code ?? signal}`);
      setTimeout(() => children[slot] === child && startChild(slot), 500);
    });
  }

  async function killChild(slot: number): Promise<void> {
    const child = children[slot];
    children[slot] = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the worker finishes what it holds and exits. */
  async function stopChild(slot: number): Promise<void> {
    const child = children[slot];
    children[slot] = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** An in-process worker on this suite's database, Redis and clock, with some settings changed. */
  const workerWith = (overrides: Partial<AppConfig> = {}) =>
    startWorker(t, (builder) =>
      builder
        .overrideProvider(AppConfig)
        .useValue(
          Object.assign(Object.create(AppConfig.prototype) as AppConfig, t.config, overrides),
        ),
    );

  async function dueActivities(count: number, prefix: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) =>
        // Five days ahead falls in the 7-day bucket whether "today" is the test clock's day or the
        // worker processes' (real) one, so their own sweeps plan no other key for these activities.
        createActivity(t, planId, {
          title: `${prefix} ${i + j + 1} —`,
          dueOn: addDays(today, 5),
          partyCodes: ['MA', 'CI'],
        }),
      );
      ids.push(...(await Promise.all(batch)).map((a) => a.id));
    }
    return ids;
  }

  const rowIdsOf = async (subjectIds: string[]): Promise<string[]> =>
    (
      await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM notifications WHERE subject_id = ANY($1::uuid[])',
        [subjectIds],
      )
    ).map((r) => r.id);

  const countWhere = async (rowIds: string[], condition: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1::uuid[]) AND ${condition}`,
      [rowIds],
    );
    return n;
  };
  const pending = (rowIds: string[]) => countWhere(rowIds, `status = 'pending'`);
  const leased = (rowIds: string[]) =>
    countWhere(rowIds, `status = 'pending' AND locked_until > now()`);

  /** What the queue and the table look like, for a failure message. */
  async function diagnosis(rowIds: string[]): Promise<string> {
    const deliveries = t.app.get<Queue>(getQueueToken(QUEUES.deliveries));
    const counts = await deliveries.getJobCounts().catch((e: Error) => e.message);
    const alive = children.map((c) => (c && c.exitCode === null ? c.pid : 'dead'));
    const exits = selfExits.join(', ');
    return JSON.stringify({
      queue: counts,
      pending: await pending(rowIds),
      leased: await leased(rowIds),
      children: alive,
      exits,
      dbsize: await redis.command((c) => c.dbsize()).catch(() => -1),
    });
  }

  const repeatKey = () => `${bullPrefix(t.config.REDIS_PREFIX)}:${QUEUES.reminders}:repeat`;
  const sweepScheduled = () =>
    redis.command((c) => c.zscore(repeatKey(), SCHEDULERS.sweep)).catch(() => null);

  beforeAll(async () => {
    redis = await OwnRedis.start();
    ({ t, planId } = await startReminderApp(sink, {
      REDIS_URL: redis.url,
      DELIVERY_ATTEMPTS: '30',
      DELIVERY_BACKOFF_MS: '100',
      DELIVERY_LOCK_MS: '6000',
      SMTP_TIMEOUT_MS: '5000',
      WEBHOOK_TIMEOUT_MS: '5000',
      REMINDER_REQUEUE_GRACE_MS: '3000',
    }));
    t.clock.set(lastWorkingInstant());
    today = todayIn('Africa/Casablanca', t.clock.now());
  });
  afterAll(async () => {
    await Promise.all([killChild(0), killChild(1)]);
    await t?.close();
    await sink.stop();
    await redis?.stop();
  });

  it('a job with an unknown name on the reminders queue fails and runs no sweep', async () => {
    const worker = await workerWith();
    try {
      const queue = worker.get<Queue>(getQueueToken(QUEUES.reminders));
      // The schedules' first runs (sweep and digest) start with the worker: let them finish first.
      await waitFor(
        'the first scheduled runs',
        async () => (await queue.getJobCounts('completed')).completed >= 2,
      );
      const sweeps = jest.spyOn(worker.get(SweepService), 'sweep');
      const activity = await createActivity(t, planId, {
        title: 'Rien sans balayage',
        dueOn: addDays(today, 1),
      });
      const job = await queue.add('sweeep', {});
      await waitFor('the unknown job to fail', async () => (await job.getState()) === 'failed');
      const failed = await queue.getJob(job.id!);
      expect(failed?.failedReason).toContain('no handler for job "sweeep"');
      expect(failed?.attemptsMade).toBe(1);
      expect(sweeps).not.toHaveBeenCalled();
      expect(await rowsFor(t, activity.id)).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('a row sent twice carries the same Message-ID, derived from the notification id', async () => {
    const worker = await workerWith();
    try {
      const title = 'Copie identique';
      const activity = await createActivity(t, planId, { title, dueOn: addDays(today, 1) });
      await sweep(t);
      await waitFor('two mails', () => sink.about(title).length >= 2);
      await settled(t, [activity.id]);
      const [row] = await rowsFor(t, activity.id);
      // As if the worker had died after the server accepted the mail, before marking the row sent.
      await t.dataSource.query(
        `UPDATE notifications SET status = 'pending', sent_at = NULL, locked_until = NULL,
                lease_token = NULL WHERE id = $1`,
        [row.id],
      );
      const outcome = await worker
        .get(NotificationDelivery)
        .deliver(row.id, worker.get(ReminderMessageComposer), false);
      expect(outcome).toBe('sent');
      const copies = sink.mails.filter((m) => m.notificationId === row.id);
      expect(copies).toHaveLength(2);
      expect(copies[0].messageId).toBe(`<notification-${row.id}@accords.example>`);
      expect(copies[1].messageId).toBe(copies[0].messageId);
      const others = sink.about(title).filter((m) => m.notificationId !== row.id);
      expect(others[0].messageId).not.toBe(copies[0].messageId);
    } finally {
      await worker.close();
    }
  });

  it('a stale lease holder cannot mark the row after another claim took it', async () => {
    const lifecycle = t.app.get(NotificationLifecycle);
    const subjectId = randomUUID();
    await lifecycle.plan([
      {
        subjectType: 'activity',
        subjectId,
        rule: 'activity_due:7',
        ruleKind: 'activity_due',
        dueOn: addDays(today, 7),
        escalated: false,
        recipientType: 'user',
        recipientId: randomUUID(),
        recipientAddress: 'fence@accords.example',
        channel: 'email',
        notBefore: t.clock.now(),
      },
    ]);
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM notifications WHERE subject_id = $1',
      [subjectId],
    );
    const state = async () =>
      (
        await t.dataSource.query<{ status: string; lease_token: string | null }[]>(
          'SELECT status, lease_token FROM notifications WHERE id = $1',
          [id],
        )
      )[0];

    const first = await lifecycle.claim(id);
    expect(first).not.toBeNull();
    // A live lease is never taken over: the first attempt may still be sending.
    await expect(lifecycle.claim(id)).rejects.toBeInstanceOf(DeliveryBusy);
    // The first holder overran its lease; a second attempt claims the row.
    await t.dataSource.query(
      `UPDATE notifications SET locked_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const second = await lifecycle.claim(id);
    expect(second?.token).not.toBe(first?.token);

    expect(await lifecycle.finish(first!, 'sent')).toBe(false);
    expect(await lifecycle.fail(first!, 'late answer', true)).toBe(false);
    expect(await state()).toEqual({ status: 'pending', lease_token: second!.token });

    expect(await lifecycle.finish(second!, 'sent')).toBe(true);
    expect(await state()).toEqual({ status: 'sent', lease_token: null });
    expect(await lifecycle.claim(id)).toBeNull();
  });

  it('a wiped or emptied Redis heals within one sweep period, the worker left running', async () => {
    const period = 2000;
    const worker = await workerWith({ REMINDER_SWEEP_EVERY_MS: period });
    const measured: string[] = [];
    try {
      await waitFor('the sweep schedule', sweepScheduled);
      for (const [how, empty] of [
        ['FLUSHDB', () => redis.command((c) => c.flushdb())],
        ['restart empty', () => redis.restart({ keepData: false })],
      ] as const) {
        await empty();
        const emptiedAt = Date.now();
        expect(await sweepScheduled()).toBeNull();
        const title = `Après ${how}`;
        const activity = await createActivity(t, planId, { title, dueOn: addDays(today, 1) });
        await waitFor(`the schedule after ${how}`, sweepScheduled, 10 * period, 50);
        const scheduleBack = (Date.now() - emptiedAt) / 1000;
        await waitFor(`mail after ${how}`, () => sink.about(title).length >= 2, 10 * period, 50);
        const delivered = (Date.now() - emptiedAt) / 1000;
        await settled(t, [activity.id]);
        measured.push(
          `${how}: schedule back ${scheduleBack} s, reminders delivered ${delivered} s`,
        );
        // Loose bounds (a busy machine): the schedule within ~one period, mail soon after.
        expect(scheduleBack).toBeLessThan(2 * (period / 1000));
        expect(delivered).toBeLessThan(5 * (period / 1000));
      }
    } finally {
      await worker.close();
    }
    console.log(`heal (sweep every ${period} ms):\n  ${measured.join('\n  ')}`);
  });

  it('>= 500 reminders through SIGKILLed workers, a Redis restart and a wipe: none lost, duplicates only from kills', async () => {
    ensureBuilt();
    const activities = await dueActivities(170, 'Chaos');
    await sweep(t);
    const rowIds = await rowIdsOf(activities);
    expect(rowIds.length).toBeGreaterThanOrEqual(500);
    const startedAt = Date.now();

    sink.delayMs = 40; // a slow server, so that kills land while rows are leased
    startChild(0);
    startChild(1);
    let kills = 0;
    const events: string[] = [];
    try {
      await waitFor(
        'the first deliveries',
        () => tally(sink.mails, rowIds).copies.size >= 20,
        30000,
        100,
      );
      for (let k = 0; k < 7; k++) {
        await sleep(300 + Math.random() * 1200);
        await waitFor(
          'a leased row',
          async () => (await leased(rowIds)) > 0 || (await pending(rowIds)) === 0,
          15000,
          20,
        ).catch(async (error: Error) => {
          throw new Error(
            `${error.message} after ${events.join(', ')}: ${await diagnosis(rowIds)}`,
          );
        });
        if ((await pending(rowIds)) === 0) break;
        await killChild(k % 2);
        kills++;
        events.push(`kill ${k % 2} at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        startChild(k % 2);
        if (k === 1) {
          await redis.restart({ keepData: true, downMs: 500 });
          events.push(`Redis restarted (${await redis.command((c) => c.dbsize())} keys)`);
        }
        if (k === 3) {
          await redis.command((c) => c.flushdb());
          events.push('Redis wiped');
        }
      }
      sink.delayMs = 0;
      await waitFor('every row sent', async () => (await pending(rowIds)) === 0, 75000, 250).catch(
        async (error: Error) => {
          throw new Error(`${error.message}: ${await diagnosis(rowIds)}`);
        },
      );
    } finally {
      sink.delayMs = 0;
    }
    await sleep(200);
    const { copies, lost, duplicates } = tally(sink.mails, rowIds);
    console.log(
      `chaos drill: ${rowIds.length} rows, ${kills} SIGKILLs, ${events.join(', ')}; ` +
        `${duplicates} duplicates (${(duplicates / Math.max(1, kills)).toFixed(2)} per kill), ` +
        `${lost.length} lost, ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(events.filter((e) => e.startsWith('Redis')).length).toBe(2);
    expect(lost).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(kills);
    for (const mails of copies.values()) {
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    }
    expect(await countWhere(rowIds, `status = 'sent'`)).toBe(rowIds.length);
  }, 150000);

  it('without kills, a Redis restart and a wipe during delivery give no duplicate and lose nothing', async () => {
    ensureBuilt();
    // Plan while no worker runs: the workers' own sweeps run on the real clock, and one that got to
    // these activities first would hold their mail for the real clock's working hours.
    await Promise.all([stopChild(0), stopChild(1)]);
    const activities = await dueActivities(60, 'Calme');
    await sweep(t);
    const rowIds = await rowIdsOf(activities);
    startChild(0);
    startChild(1);
    sink.delayMs = 40;
    try {
      await waitFor('the first deliveries', () => tally(sink.mails, rowIds).copies.size >= 10);
      await redis.restart({ keepData: true, downMs: 500 });
      await waitFor('more deliveries', () => tally(sink.mails, rowIds).copies.size >= 60);
      await redis.command((c) => c.flushdb());
      sink.delayMs = 0;
      await waitFor('every row sent', async () => (await pending(rowIds)) === 0, 60000, 250);
    } finally {
      sink.delayMs = 0;
    }
    await sleep(200);
    const { lost, duplicates } = tally(sink.mails, rowIds);
    console.log(
      `no-kill run: ${rowIds.length} rows, ${duplicates} duplicates, ${lost.length} lost`,
    );
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);
  }, 120000);
});
