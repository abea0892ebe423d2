'use strict';
/**
 * Delivery of N reminder mails (10,000 by default) to an SMTP sink on 127.0.0.1, by two Accords
 * worker processes (`node dist/src/worker.js`) and then by two raw BullMQ + nodemailer workers
 * (raw-server/delivery-worker.js), each with the same concurrency. The same N rows are planned on
 * each side (Accords: NotificationLifecycle.plan, i.e. its own insert + enqueue; raw: one INSERT and
 * one addBulk), with the clock started before planning and stopped when the sink holds N distinct
 * Message-IDs. The sink counts duplicates (same Message-ID twice).
 */
const path = require('node:path');
const { SMTPServer } = require('smtp-server');
const { ACCORDS_NODE_FLAGS, memoryMb, startProcess, stopProcess } = require('./processes');
const { untilIdle } = require('./idle');

/**
 * Lets the workers finish their start-up work before the clock starts: Accords' workers run their
 * job schedulers' first sweeps as they start (reminders, nudges, results due: ~2 s of CPU at a
 * million activities), which is not delivery; the raw workers wait the same way.
 */
async function settleWorkers(handles, pg, log, label) {
  const { idle, waitedMs, spentMs } = await untilIdle(
    handles.map((h) => h.pid),
    pg,
  );
  log(
    idle
      ? `${label}: workers idle after ${waitedMs} ms (${spentMs.toFixed(0)} ms of their CPU)`
      : `${label}: workers still busy after 60 s; timing anyway`,
  );
}

function startSink() {
  const seen = new Set();
  const state = { received: 0, duplicates: 0, waiters: [] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? `(none ${state.received})`;
        state.received++;
        if (seen.has(id)) state.duplicates++;
        else seen.add(id);
        for (const w of state.waiters) w();
        callback();
      });
    },
  });
  // A worker stopped at the end of a side drops its pooled SMTP connections; a reset socket is the
  // sink's 'error' event, which unhandled would take the bench down. Counting is by Message-ID anyway.
  server.on('error', (error) => {
    if (error.code !== 'ECONNRESET') process.stderr.write(`[bench] SMTP sink: ${error.message}\n`);
  });
  return {
    async listen() {
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server.server.address().port;
    },
    get distinct() {
      return seen.size;
    },
    state,
    reset() {
      seen.clear();
      state.received = 0;
      state.duplicates = 0;
    },
    /** Resolves when `n` distinct messages arrived; rejects after `timeoutMs`. */
    waitFor(n, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`sink: ${seen.size} of ${n} mails after ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        const check = () => {
          if (seen.size >= n) {
            clearTimeout(timer);
            state.waiters = state.waiters.filter((w) => w !== check);
            resolve();
          }
        };
        state.waiters.push(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * The subjects of N deliveries: due-soon activities (whose reminder is still worth sending) × the
 * programme manager (who sees every plan and gets activity reminders; the admin's are cancelled at
 * delivery) × reminder buckets, as many as needed for N distinct keys.
 */
async function deliveryTargets(pg, n) {
  const { rows: users } = await pg.query(
    `SELECT id, email FROM users WHERE role = 'programme_manager' AND active ORDER BY email`,
  );
  const { rows: activities } = await pg.query(
    `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM activities
      WHERE status NOT IN ('completed', 'cancelled') AND due_on > current_date + 1
        AND due_on < current_date + 30
      ORDER BY due_on, id LIMIT $1`,
    [n],
  );
  const targets = [];
  for (let bucket = 1; targets.length < n && bucket <= 1000; bucket++) {
    for (const a of activities) {
      for (const u of users) {
        if (targets.length < n) targets.push({ activity: a, user: u, bucket });
      }
    }
  }
  if (targets.length < n) throw new Error(`only ${targets.length} delivery targets for ${n}`);
  return targets;
}

async function measureAccords({ app, scratch, pg, sink, n, env, workers, log, timeoutMs }) {
  const { NotificationLifecycle } = require(
    scratch.dist('notifications/notification-lifecycle.js'),
  );
  const lifecycle = app.get(NotificationLifecycle);
  const targets = await deliveryTargets(pg, n);
  const handles = [];
  for (let i = 0; i < workers; i++) {
    handles.push(
      await startProcess({
        name: `accords worker ${i + 1}`,
        // The V8 flags of `npm run start:worker` and the Dockerfile: measured as it is run.
        args: [...ACCORDS_NODE_FLAGS.worker, scratch.dist('worker.js')],
        cwd: scratch.root,
        env: { ...env, WORKER_HEALTH_PORT: String(env.workerHealthPorts[i]) },
        healthUrl: `http://127.0.0.1:${env.workerHealthPorts[i]}/health`,
      }),
    );
    scratch.onCleanup(`stop accords worker ${i + 1}`, () => stopProcess(handles[i]));
  }
  await settleWorkers(handles, pg, log, 'accords');
  sink.reset();
  const now = new Date(Date.now() - 1000);
  const t0 = Date.now();
  await lifecycle.plan(
    targets.map((t) => ({
      subjectType: 'activity',
      subjectId: t.activity.id,
      // A bucket name the sweep never uses: the sweep's own rows must not collide with these keys.
      rule: `activity_due:bench-${t.bucket}`,
      ruleKind: 'activity_due',
      dueOn: t.activity.due_on,
      escalated: false,
      recipientType: 'user',
      recipientId: t.user.id,
      recipientAddress: t.user.email,
      channel: 'email',
      notBefore: now,
    })),
  );
  log(`accords: ${n} deliveries planned in ${Date.now() - t0} ms`);
  await sink.waitFor(n, timeoutMs);
  const ms = Date.now() - t0;
  // A little longer: a duplicate would arrive after the last distinct mail.
  await new Promise((r) => setTimeout(r, 1000));
  const rss = handles.map((h) => memoryMb(h.pid).peak);
  for (const h of handles) await stopProcess(h);
  return {
    ms,
    perSecond: (n * 1000) / ms,
    duplicates: sink.state.duplicates,
    rssPeakMb: Math.max(...rss),
  };
}

async function measureRaw({ scratch, pg, sink, n, env, workers, log, timeoutMs }) {
  const { Queue } = require('bullmq');
  const IORedis = require('ioredis');
  const prefix = `{${env.REDIS_PREFIX}-raw}`;
  const connection = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('raw-deliveries', { connection, prefix });
  const targets = await deliveryTargets(pg, n);
  const handles = [];
  try {
    for (let i = 0; i < workers; i++) {
      const handle = await startProcess({
        name: `raw worker ${i + 1}`,
        args: [path.join(__dirname, '..', 'raw-server', 'delivery-worker.js')],
        cwd: scratch.root,
        env: {
          ...env,
          QUEUE_PREFIX: prefix,
          CONCURRENCY: env.DELIVERY_CONCURRENCY ?? '5',
        },
      });
      handles.push(handle);
      scratch.onCleanup(`stop raw worker ${i + 1}`, () => stopProcess(handle));
    }
    await settleWorkers(handles, pg, log, 'raw');
    sink.reset();
    const t0 = Date.now();
    const { rows } = await pg.query(
      `INSERT INTO notifications (subject_type, subject_id, rule, rule_kind, due_on, recipient_type,
         recipient_id, recipient_address, channel, escalated, not_before)
       SELECT 'activity', t.subject_id, t.rule, 'activity_due', t.due_on, 'user', t.recipient_id,
              t.address, 'email', false, now()
         FROM jsonb_to_recordset($1::jsonb)
           AS t(subject_id uuid, rule varchar, due_on date, recipient_id uuid, address varchar)
       RETURNING id`,
      [
        JSON.stringify(
          targets.map((t) => ({
            subject_id: t.activity.id,
            rule: `activity_due:raw-${t.bucket}`,
            due_on: t.activity.due_on,
            recipient_id: t.user.id,
            address: t.user.email,
          })),
        ),
      ],
    );
    await queue.addBulk(
      rows.map((r) => ({
        name: 'deliver',
        data: { id: r.id },
        opts: { jobId: `notification-${r.id}` },
      })),
    );
    log(`raw: ${n} deliveries planned in ${Date.now() - t0} ms`);
    await sink.waitFor(n, timeoutMs);
    const ms = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 1000));
    const rss = handles.map((h) => memoryMb(h.pid).peak);
    return {
      ms,
      perSecond: (n * 1000) / ms,
      duplicates: sink.state.duplicates,
      rssPeakMb: Math.max(...rss),
    };
  } finally {
    for (const h of handles) await stopProcess(h);
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    connection.disconnect();
  }
}

/**
 * Plans what is due and clears it (its jobs and pending rows) so that the workers deliver only the
 * bench's N mails, then measures both sides.
 */
async function measureDelivery(opts) {
  // The workers' job schedulers sweep once as they start: everything due must already be planned
  // (and is cancelled below), or that sweep's mails would reach the sink among the measured ones.
  // After the sweep phase this is a steady-state sweep; with `--skip sweep`, the first one.
  const { SweepService } = require(opts.scratch.dist('reminders/sweep.service.js'));
  await opts.app.get(SweepService).sweep();
  const { Queue } = require('bullmq');
  const IORedis = require('ioredis');
  const connection = new IORedis(opts.env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('deliveries', { connection, prefix: `{${opts.env.REDIS_PREFIX}}` });
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  await opts.pg.query(`UPDATE notifications SET status = 'cancelled' WHERE status = 'pending'`);
  const sink = startSink();
  const port = await sink.listen();
  const env = { ...opts.env, SMTP_URL: `smtp://127.0.0.1:${port}` };
  try {
    const accords = await measureAccords({ ...opts, sink, env });
    opts.log(
      `accords: ${accords.perSecond.toFixed(0)} mails/s, ${accords.duplicates} duplicate(s)`,
    );
    const raw = await measureRaw({ ...opts, sink, env });
    opts.log(`raw: ${raw.perSecond.toFixed(0)} mails/s, ${raw.duplicates} duplicate(s)`);
    return {
      n: opts.n,
      workers: opts.workers,
      accords,
      raw,
      ratio: accords.perSecond / raw.perSecond,
    };
  } finally {
    await sink.close();
  }
}

module.exports = { measureDelivery };
