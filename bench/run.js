'use strict';
/**
 * Accords benchmark: `npm run bench` (about 2 minutes on 2 cores). Writes bench/REPORT.md and prints it.
 *
 * 1. Sweep scaling. DESIGN.md promises that the reminder sweep's cost grows with what is due, not
 *    with the size of the tables. We keep the due set fixed (DUE_SOON activities due within the
 *    window, OVERDUE_OPEN overdue) and grow the activities table ×300 with rows that are completed,
 *    cancelled or due far ahead, then time SweepService.sweep() from the compiled app and EXPLAIN the
 *    candidate queries it actually sent.
 * 2. HTTP. The compiled api (dist/src/main.js) under autocannon, on 127.0.0.1 only.
 *
 * Everything runs against a scratch database (accords_bench_<pid>) and Redis prefix
 * (accords-bench-<pid>), both removed at the end, also on failure or Ctrl-C.
 *
 * Environment knobs: BENCH_BUILD=auto|always|never (auto rebuilds dist/ when it is missing or older
 * than src/), BENCH_SIZES=1000,10000 (activity totals), BENCH_OPEN_PERCENT=35 (share of the filler
 * that is open but due far ahead), BENCH_HTTP_SECONDS=10.
 */

const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const BUILD = path.join(ROOT, 'dist');
/**
 * The bench runs a private copy of dist/: others rebuild dist/ concurrently (nest build empties it
 * first) or stop processes running dist/src/main.js, and either would break a run halfway. Inside
 * bench/, so that node_modules still resolves from /work/main.
 */
const SNAPSHOT = path.join(__dirname, `.build-${process.pid}`);
const DIST = path.join(SNAPSHOT, 'src');
const REPORT_PATH = path.join(__dirname, 'REPORT.md');

const PG_BASE = 'postgres://postgres@127.0.0.1:5432';
const DB_NAME = `accords_bench_${process.pid}`;
const DB_URL = `${PG_BASE}/${DB_NAME}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `accords-bench-${process.pid}`;
const SEED_PASSWORD = 'accords-demo';
const SEED_TIME_ZONE = 'Africa/Casablanca';

const SIZES = (process.env.BENCH_SIZES || '1000,10000,100000,300000').split(',').map(Number);
/** Open activities due 1–29 days ahead: inside the 30-day lead window whatever the time zone. */
const DUE_SOON = 200;
/** Open activities already overdue (2–61 days): the overdue query has no lower bound, so it matters. */
const OVERDUE_OPEN = 50;
/** Share of the filler that is open (due far ahead), in twentieths; the rest is closed in the past. */
const OPEN_TWENTIETHS = Math.round(Number(process.env.BENCH_OPEN_PERCENT || 35) / 5);
if (!(OPEN_TWENTIETHS >= 0 && OPEN_TWENTIETHS <= 19)) throw new Error('BENCH_OPEN_PERCENT: 0–95');
const BENCH_PLANS = 100;
const STEADY_RUNS = 5;

const HTTP_PORT = 3197;
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS || 10);
const HTTP_CONNECTIONS = 20;
const HTTP_WARMUP_SECONDS = 2;

// The compiled app reads its configuration from the environment when its modules are instantiated.
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: DB_URL,
  REDIS_URL,
  REDIS_PREFIX,
  SEED_PASSWORD,
  // The benchmark measures the api's throughput, not its rate limiter: lift the API-wide limits.
  RATE_LIMIT_PER_TOKEN: '1000000000',
  RATE_LIMIT_PER_ADDRESS: '1000000000',
});

const startedAt = Date.now();
function log(message) {
  // Progress goes to stderr so that stdout carries only the report.
  process.stderr.write(`[bench +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${message}\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const int = (n) => Math.round(n).toLocaleString('en-US');
const elapsedMs = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// ---------------------------------------------------------------------------------------------
// Build

/** Newest mtime among the sources nest build compiles, to tell whether dist/ is out of date. */
function newestSourceMtime() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  walk(path.join(ROOT, 'migrations'));
  return newest;
}

/** Answers a note for the report: which build was measured and whether it may be stale. */
function ensureBuild() {
  const mode = process.env.BENCH_BUILD || 'auto';
  const main = path.join(BUILD, 'src', 'main.js');
  const exists = fs.existsSync(main);
  const stale = exists && fs.statSync(main).mtimeMs < newestSourceMtime();
  if (mode === 'never' || (mode === 'auto' && exists && !stale)) {
    if (!exists) throw new Error('dist/src/main.js is missing and BENCH_BUILD=never');
    return stale
      ? 'existing dist/ (older than src/, BENCH_BUILD=never)'
      : 'existing dist/ (up to date)';
  }
  log(`building (${exists ? (stale ? 'dist/ older than src/' : 'forced') : 'dist/ missing'})`);
  const result = spawnSync('npx', ['nest', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status === 0) return 'fresh `nest build` of the working tree';
  // Others edit src/ concurrently: a half-finished edit should not stop the bench if a build exists
  // (tsc still emits on type errors, so dist/ is usually there even after a failed build).
  if (!fs.existsSync(main)) throw new Error('nest build failed and left no dist/src/main.js');
  log('nest build failed: measuring the previous dist/');
  return '**previous dist/** (`nest build` of the working tree failed; the measured code may be stale)';
}

// ---------------------------------------------------------------------------------------------
// Scratch resources, released by cleanup() whatever happens

const resources = { appContext: null, api: null, apiOutput: [], pg: null, dbCreated: false };

function snapshotBuild() {
  resources.snapshot = true;
  fs.cpSync(BUILD, SNAPSHOT, { recursive: true });
  for (const file of ['main.js', 'api.module.js', 'database/typeorm-options.js']) {
    if (!fs.existsSync(path.join(DIST, file))) throw new Error(`incomplete copy of dist/: ${file}`);
  }
}

async function withAdminClient(fn) {
  const client = new Client({ connectionString: `${PG_BASE}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys() {
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    // Plain keys use `<prefix>:`, BullMQ keys `{<prefix>}:`: one pattern covers both.
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `*${REDIS_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

let cleanupPromise = null;
function cleanup() {
  cleanupPromise ??= (async () => {
    const step = async (name, fn) => {
      try {
        await fn();
      } catch (error) {
        log(`cleanup: ${name} failed: ${error.message}`);
      }
    };
    await step('stop api', () => stopApi());
    await step('close app context', async () => {
      if (resources.appContext) await resources.appContext.close();
      resources.appContext = null;
    });
    await step('close pg client', async () => {
      if (resources.pg) await resources.pg.end();
      resources.pg = null;
    });
    await step('drop database', async () => {
      if (!resources.dbCreated) return;
      await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
      resources.dbCreated = false;
      log(`dropped database ${DB_NAME}`);
    });
    await step('delete redis keys', async () => {
      log(`deleted ${await deleteRedisKeys()} Redis key(s) under ${REDIS_PREFIX}`);
    });
    await step('remove build copy', async () => {
      if (resources.snapshot) fs.rmSync(SNAPSHOT, { recursive: true, force: true });
    });
  })();
  return cleanupPromise;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Data

async function createMigrateSeed() {
  await withAdminClient((c) => c.query(`CREATE DATABASE ${DB_NAME}`));
  resources.dbCreated = true;
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { typeOrmOptions } = require(path.join(DIST, 'database/typeorm-options.js'));
  const { seed } = require(path.join(DIST, 'database/seed/seed.js'));
  const { todayIn } = require(path.join(DIST, 'common/time/calendar-date.js'));
  const dataSource = await new DataSource(typeOrmOptions(DB_URL)).initialize();
  try {
    const migrations = await dataSource.runMigrations();
    const today = todayIn(SEED_TIME_ZONE, new Date());
    const { created } = await seed(dataSource, { password: SEED_PASSWORD, today });
    log(`migrated (${migrations.length}) and seeded ${JSON.stringify(created)}`);
    return today;
  } finally {
    await dataSource.destroy();
  }
}

/** Bench plans beside the demo plan, under the demo agreement; they end years from now. */
async function insertBenchPlans(pg, today) {
  const { rows } = await pg.query(
    `INSERT INTO action_plans (agreement_id, title, party_codes, starts_on, duration_months, ends_on,
       renewable, time_zone)
     SELECT (SELECT id FROM agreements ORDER BY created_at LIMIT 1), 'Bench plan ' || g,
            ARRAY['MA','CI']::varchar[], $1::date - 365, 60, ($1::date - 365 + interval '60 months')::date - 1,
            false, CASE WHEN g % 2 = 0 THEN 'Africa/Casablanca' ELSE 'Africa/Abidjan' END
       FROM generate_series(1, $2) g
     RETURNING id`,
    [today, BENCH_PLANS],
  );
  return rows.map((r) => r.id);
}

/**
 * Inserts activities g = from..to into the bench plans. `kind` decides status and due date:
 * 'due' and 'overdue' are the fixed set the sweep must find; 'filler' is what a long-lived
 * deployment accumulates (completed or cancelled in the past, or open but due 2–6 years ahead).
 */
async function insertActivities(pg, planIds, today, kind, from, to) {
  const shape = {
    due: {
      status: `CASE WHEN g % 2 = 0 THEN 'planned' ELSE 'in_progress' END`,
      due: `$3::date + 1 + (g % 29)`,
    },
    overdue: { status: `'in_progress'`, due: `$3::date - 2 - (g % 60)` },
    // k = g % 20: the top OPEN_TWENTIETHS values of k are open, k = 0 cancelled, the rest completed.
    filler: {
      status: `CASE WHEN k >= 20 - ${OPEN_TWENTIETHS} THEN (ARRAY['planned','in_progress','postponed'])[1 + k % 3]
                    WHEN k = 0 THEN 'cancelled' ELSE 'completed' END`,
      due: `CASE WHEN k >= 20 - ${OPEN_TWENTIETHS} THEN $3::date + 60 + (g % 1500)
                 ELSE $3::date - 1 - (g % 1500) END`,
    },
  }[kind];
  await pg.query(
    `INSERT INTO activities (plan_id, title, description, type, themes, lead_party_code, party_codes,
       planned_start_on, due_on, status, progress_percent, completed_on)
     SELECT plan_id, title, description, type, themes, lead, ARRAY['MA','CI']::varchar[],
            due - 30, due, status,
            CASE status WHEN 'completed' THEN 100 ELSE g % 90 END,
            CASE status WHEN 'completed' THEN due END
       FROM (
         SELECT g, k, ($4::uuid[])[1 + g % cardinality($4::uuid[])] AS plan_id,
                'Bench ${kind} activity ' || g AS title,
                'Atelier technique sur la collecte de données et le référencement des victimes, lot ' || g
                  AS description,
                (ARRAY['workshop','study_visit','legal_exchange','capacity_building','awareness',
                       'data_collection','meeting','other'])[1 + g % 8] AS type,
                ARRAY['victim_support','data_collection']::varchar[] AS themes,
                CASE WHEN g % 2 = 0 THEN 'MA' ELSE 'CI' END AS lead,
                ${shape.status} AS status, ${shape.due} AS due
           FROM generate_series($1::int, $2::int) g, LATERAL (SELECT g % 20 AS k) kk
       ) s`,
    [from, to, today, planIds],
  );
}

async function activityCounts(pg, today) {
  const { rows } = await pg.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE status NOT IN ('completed','cancelled'))::int AS open,
            count(*) FILTER (WHERE status NOT IN ('completed','cancelled')
                             AND due_on BETWEEN $1::date AND $1::date + 30)::int AS due30,
            count(*) FILTER (WHERE status NOT IN ('completed','cancelled') AND due_on < $1::date)::int AS overdue
       FROM activities`,
    [today],
  );
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// Sweep measurement

/** Names a query the app sent, so timings and plans can be attributed. */
function labelOf(sql) {
  if (/FROM activities a JOIN action_plans/.test(sql) && /a\.due_on BETWEEN/.test(sql))
    return 'due';
  if (/FROM activities a JOIN action_plans/.test(sql) && /a\.due_on </.test(sql)) return 'overdue';
  if (/INSERT INTO notifications/.test(sql)) return 'insert';
  if (/FROM notifications\s+WHERE status = 'pending'/.test(sql)) return 'requeue';
  return 'other';
}

async function startSweepContext() {
  const { NestFactory } = require('@nestjs/core');
  const { getDataSourceToken } = require('@nestjs/typeorm');
  // ApiModule, not WorkerModule: the worker would also start the delivery processors and the sweep
  // scheduler, which would send mail and sweep behind our back while we time it.
  const { ApiModule } = require(path.join(DIST, 'api.module.js'));
  const { SweepService } = require(path.join(DIST, 'reminders/sweep.service.js'));
  const app = await NestFactory.createApplicationContext(ApiModule, { logger: ['error', 'warn'] });
  resources.appContext = app;
  // Record every raw query the sweep sends (the candidate queries go through DataSource.query), to
  // time them individually and to EXPLAIN exactly the SQL and parameters the app used.
  const dataSource = app.get(getDataSourceToken());
  const original = dataSource.query.bind(dataSource);
  const recorded = [];
  dataSource.query = async (sql, params, runner) => {
    const t0 = process.hrtime.bigint();
    try {
      return await original(sql, params, runner);
    } finally {
      recorded.push({ label: labelOf(sql), ms: elapsedMs(t0), sql, params });
    }
  };
  const sweepService = app.get(SweepService);
  return {
    app,
    async sweep() {
      recorded.length = 0;
      // CPU of this process beside wall time: how much of a sweep is Node work rather than waiting
      // on PostgreSQL and Redis (nothing else runs in this process meanwhile).
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const report = await sweepService.sweep();
      const total = elapsedMs(t0);
      const cpu = process.cpuUsage(cpu0);
      return { ms: total, cpuMs: (cpu.user + cpu.system) / 1000, report, queries: [...recorded] };
    },
  };
}

/** Walks an EXPLAIN (FORMAT JSON) tree: how `activities a` is read, with what estimate and reads. */
function summarisePlan(explained) {
  const root = explained[0];
  const subtree = (node) => [node, ...(node.Plans || []).flatMap(subtree)];
  // The scan that reads `activities a` (not the NOT EXISTS probe on `activities c`).
  const scan = subtree(root.Plan).find(
    (n) => n['Relation Name'] === 'activities' && n.Alias === 'a',
  );
  if (!scan) throw new Error(`no scan of activities a in plan: ${JSON.stringify(root.Plan)}`);
  // A Bitmap Heap Scan names its index on the Bitmap Index Scan below it.
  const index = subtree(scan)
    .map((n) => n['Index Name'])
    .find(Boolean);
  const buffers = (n) => (n['Shared Hit Blocks'] || 0) + (n['Shared Read Blocks'] || 0);
  return {
    access: `${scan['Node Type']}${index ? ` on ${index}` : ''}`,
    usesOpenDueIndex: index === 'IDX_activities_open_due',
    seqScan: scan['Node Type'] === 'Seq Scan',
    estRows: scan['Plan Rows'],
    cost: scan['Total Cost'],
    rows: scan['Actual Rows'] * scan['Actual Loops'],
    removedByFilter:
      (scan['Rows Removed by Filter'] || 0) + (scan['Rows Removed by Index Recheck'] || 0),
    // The scan's own reads are what would grow with the table; the rest of the query (the join,
    // the NOT EXISTS probe per returned row) grows with the rows returned.
    scanBuffers: buffers(scan),
    buffers: buffers(root.Plan),
    execMs: root['Execution Time'],
    jit: Boolean(root.JIT),
  };
}

async function explain(pg, query, format) {
  const options = format === 'json' ? 'ANALYZE, BUFFERS, FORMAT JSON' : 'ANALYZE, BUFFERS';
  const { rows } = await pg.query(`EXPLAIN (${options}) ${query.sql}`, query.params);
  return format === 'json' ? rows[0]['QUERY PLAN'] : rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * Per-call costs of helpers that run once per request or once per delivery; they stood out in CPU
 * profiles of the api and the sweep, so they are measured here, with the compiled code, each run.
 */
async function measurePerCallCosts(app) {
  const { createSecretKey } = require('node:crypto');
  const { JwtService } = require('@nestjs/jwt');
  const { AppConfig } = require(path.join(DIST, 'config/app-config.js'));
  const { todayIn } = require(path.join(DIST, 'common/time/calendar-date.js'));
  const { nextSendingTime } = require(path.join(DIST, 'common/time/sending-window.js'));
  const jwt = app.get(JwtService, { strict: false }); // as AuthModule configures it
  const secret = app.get(AppConfig, { strict: false }).jwtSecret;
  const keyed = new JwtService({ secret: createSecretKey(Buffer.from(secret)) });
  const token = await jwt.signAsync({ sub: '00000000-0000-4000-8000-000000000000' });
  await keyed.verifyAsync(token); // same secret, so the token must verify both ways
  const perCallUs = async (fn, n = 3000) => {
    for (let i = 0; i < n / 3; i++) await fn();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    return (elapsedMs(t0) * 1000) / n;
  };
  const now = new Date();
  return [
    {
      what: '`JwtService.verifyAsync` as configured (string secret)',
      when: 'every authenticated request (AuthGuard)',
      us: await perCallUs(() => jwt.verifyAsync(token)),
    },
    {
      what: 'the same with the secret given as a `KeyObject`',
      when: 'for comparison',
      us: await perCallUs(() => keyed.verifyAsync(token)),
    },
    {
      what: "`todayIn('Africa/Casablanca', now)`",
      when: 'every plan or agreement request (todayFor)',
      us: await perCallUs(() => todayIn('Africa/Casablanca', now)),
    },
    {
      what: "`nextSendingTime(now, 'Africa/Abidjan')`",
      when: 'every mail delivery expanded by every sweep, steady state included',
      us: await perCallUs(() => nextSendingTime(now, 'Africa/Abidjan')),
    },
  ];
}

/**
 * The planner's cost for reading `activities a` without its indexes: how far the chosen plan is from
 * flipping to a Seq Scan as estimates drift (plain EXPLAIN, nothing is executed).
 */
async function seqScanCost(pg, query) {
  await pg.query('BEGIN');
  try {
    await pg.query('SET LOCAL enable_bitmapscan = off');
    await pg.query('SET LOCAL enable_indexscan = off');
    const { rows } = await pg.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params);
    const subtree = (node) => [node, ...(node.Plans || []).flatMap(subtree)];
    const scan = subtree(rows[0]['QUERY PLAN'][0].Plan).find(
      (n) => n['Relation Name'] === 'activities' && n.Alias === 'a',
    );
    return scan['Total Cost'];
  } finally {
    await pg.query('ROLLBACK');
  }
}

async function measureSweepScaling(pg, today) {
  const planIds = await insertBenchPlans(pg, today);
  await insertActivities(pg, planIds, today, 'due', 1, DUE_SOON);
  await insertActivities(pg, planIds, today, 'overdue', 1, OVERDUE_OPEN);

  const context = await startSweepContext();
  // Warm the pool and the code paths on the seed and the due set alone, so that the first measured
  // sweep is not also the first connection and the first JIT of the process.
  for (let i = 0; i < 3; i++) await context.sweep();

  const results = [];
  let nextFiller = 1;
  let textPlans = null;
  for (const size of SIZES) {
    const { total } = await activityCounts(pg, today);
    const missing = size - total;
    if (missing > 0) {
      const t0 = process.hrtime.bigint();
      await insertActivities(pg, planIds, today, 'filler', nextFiller, nextFiller + missing - 1);
      nextFiller += missing;
      log(`inserted ${int(missing)} filler activities in ${ms(elapsedMs(t0))} ms`);
    }
    // VACUUM as well as ANALYZE: fresh statistics, and no autovacuum starting during the timed runs.
    await pg.query('VACUUM ANALYZE activities');
    await pg.query('ANALYZE action_plans');
    // Each size gets its own first sweep: forget the rows planned at the previous size.
    await pg.query('TRUNCATE notifications');
    await pg.query('ANALYZE notifications');
    const counts = await activityCounts(pg, today);

    const first = await context.sweep();
    const steady = [];
    for (let i = 0; i < STEADY_RUNS; i++) steady.push(await context.sweep());
    const notQuiet = steady.filter((r) => r.report.inserted !== 0 || r.report.enqueued !== 0);
    if (notQuiet.length > 0) throw new Error(`steady-state sweep inserted rows at size ${size}`);

    const byLabel = (label) =>
      median(
        steady.map((r) => r.queries.filter((q) => q.label === label).reduce((a, q) => a + q.ms, 0)),
      );
    const last = steady[steady.length - 1].queries;
    const dueQuery = last.find((q) => q.label === 'due');
    const overdueQuery = last.find((q) => q.label === 'overdue');
    if (!dueQuery || !overdueQuery) {
      throw new Error('did not see the candidate queries in the sweep');
    }
    const duePlan = summarisePlan(await explain(pg, dueQuery, 'json'));
    duePlan.seqCost = await seqScanCost(pg, dueQuery);
    const overduePlan = summarisePlan(await explain(pg, overdueQuery, 'json'));
    overduePlan.seqCost = await seqScanCost(pg, overdueQuery);
    if (size === SIZES[SIZES.length - 1]) {
      textPlans = {
        due: { sql: dueQuery.sql, text: await explain(pg, dueQuery, 'text') },
        overdue: { sql: overdueQuery.sql, text: await explain(pg, overdueQuery, 'text') },
      };
    }
    const { rows: sizeRows } = await pg.query(
      `SELECT pg_relation_size('activities') AS heap,
              pg_relation_size('"IDX_activities_open_due"') AS open_due_index`,
    );
    const result = {
      size,
      counts,
      heapMb: Number(sizeRows[0].heap) / 2 ** 20,
      openDueIndexKb: Number(sizeRows[0].open_due_index) / 1024,
      first: { ms: first.ms, inserted: first.report.inserted, planned: first.report.planned },
      steadyMs: steady.map((r) => r.ms),
      steadyMedian: median(steady.map((r) => r.ms)),
      steadyCpuMedian: median(steady.map((r) => r.cpuMs)),
      deliveries: steady[0].report.deliveries,
      dueQueryMs: byLabel('due'),
      overdueQueryMs: byLabel('overdue'),
      insertMs: byLabel('insert'),
      duePlan,
      overduePlan,
    };
    results.push(result);
    log(
      `size ${int(counts.total)}: first ${ms(first.ms)} ms (inserted ${first.report.inserted}), ` +
        `steady median ${ms(result.steadyMedian)} ms; due: ${duePlan.access}, overdue: ${overduePlan.access}`,
    );
  }
  const perCall = await measurePerCallCosts(context.app);
  await resources.appContext.close();
  resources.appContext = null;
  return { results, textPlans, planIds, perCall };
}

// ---------------------------------------------------------------------------------------------
// HTTP measurement

function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

function rssKb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : NaN;
}

async function startApi() {
  if (!(await portIsFree(HTTP_PORT))) throw new Error(`port ${HTTP_PORT} is already in use`);
  const output = (resources.apiOutput = []);
  const child = spawn(process.execPath, [path.join(DIST, 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(HTTP_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  resources.api = child;
  // Keep the tail of the api's output: it is what explains a failed start.
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${HTTP_PORT}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (up) return child;
    const code = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r(undefined), 250)),
    ]);
    if (code !== undefined) {
      throw new Error(`api exited (${code}):\n${output.join('').slice(-3000)}`);
    }
  }
  throw new Error(`api not healthy after 30 s:\n${output.join('').slice(-3000)}`);
}

async function stopApi() {
  const child = resources.api;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  resources.api = null;
}

async function login(email) {
  const res = await fetch(`http://127.0.0.1:${HTTP_PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: SEED_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return `Bearer ${(await res.json()).accessToken}`;
}

function cannon(urlPath, headers, seconds) {
  const autocannon = require('autocannon');
  return autocannon({
    url: `http://127.0.0.1:${HTTP_PORT}${urlPath}`,
    connections: HTTP_CONNECTIONS,
    duration: seconds,
    headers,
  });
}

async function measureHttp(pg, demoPlanId, bigPlanId) {
  const child = await startApi();
  const rssStartKb = rssKb(child.pid);
  const bearer = await login('pm@accords.example');
  const auth = { authorization: bearer };
  const planSize = async (id) =>
    (await pg.query('SELECT count(*)::int AS n FROM activities WHERE plan_id = $1', [id])).rows[0]
      .n;
  const demoSize = await planSize(demoPlanId);
  const bigSize = await planSize(bigPlanId);
  const targets = [
    { name: 'GET /api/health', path: '/api/health', headers: {} },
    {
      name: `GET /api/action-plans/:id/activities?pageSize=50 (demo plan, ${demoSize} activities)`,
      path: `/api/action-plans/${demoPlanId}/activities?pageSize=50`,
      headers: auth,
    },
    {
      name: `GET /api/action-plans/:id/progress (demo plan, ${demoSize} activities)`,
      path: `/api/action-plans/${demoPlanId}/progress`,
      headers: auth,
    },
    {
      name: `GET /api/action-plans/:id/activities?pageSize=50 (bench plan, ${int(bigSize)} activities)`,
      path: `/api/action-plans/${bigPlanId}/activities?pageSize=50`,
      headers: auth,
    },
    {
      name: `GET /api/action-plans/:id/progress (bench plan, ${int(bigSize)} activities)`,
      path: `/api/action-plans/${bigPlanId}/progress`,
      headers: auth,
    },
  ];
  const results = [];
  for (const target of targets) {
    // A correct answer first: a benchmark of 401s or 404s would look excellent.
    const probe = await fetch(`http://127.0.0.1:${HTTP_PORT}${target.path}`, {
      headers: target.headers,
    });
    if (probe.status !== 200) {
      throw new Error(`${target.name}: ${probe.status} ${await probe.text()}`);
    }
    const bytes = (await probe.arrayBuffer()).byteLength;
    await cannon(target.path, target.headers, HTTP_WARMUP_SECONDS);
    const r = await cannon(target.path, target.headers, HTTP_SECONDS);
    results.push({
      name: target.name,
      bytes,
      reqPerSec: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      total: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    });
    log(
      `${target.name}: ${int(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
    );
  }
  const rssEndKb = rssKb(child.pid);
  await stopApi();
  return { results, rssStartKb, rssEndKb, demoSize, bigSize };
}

// ---------------------------------------------------------------------------------------------
// Report

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

function verdict(results) {
  const a = results[0];
  const b = results[results.length - 1];
  const growth = b.counts.total / a.counts.total;
  const ratio = b.steadyMedian / a.steadyMedian;
  const problems = [];
  for (const [key, name] of [
    ['duePlan', 'due-within-window'],
    ['overduePlan', 'overdue'],
  ]) {
    const plan = b[key];
    if (plan.seqScan) {
      problems.push(
        `the ${name} query reads activities with a **Seq Scan** at ${int(b.counts.total)} rows`,
      );
    } else if (!plan.usesOpenDueIndex) {
      problems.push(`the ${name} query does not use IDX_activities_open_due (${plan.access})`);
    }
    // At the smallest size a Seq Scan of a few pages can be the right plan: compare with the
    // cheapest read seen at any size.
    const least = Math.max(1, Math.min(...results.map((r) => r[key].scanBuffers)));
    if (plan.scanBuffers > 3 * least) {
      problems.push(
        `the ${name} query's scan of activities reads ${int(plan.scanBuffers)} buffers at ` +
          `${int(b.counts.total)} rows, ×${(plan.scanBuffers / least).toFixed(1)} the least seen`,
      );
    }
  }
  // Flat: under ×1.5, or within 5 ms (timer and scheduler noise on 2 shared cores).
  if (!(ratio <= 1.5 || b.steadyMedian - a.steadyMedian <= 5)) {
    problems.push(`steady-state sweep time grew ×${ratio.toFixed(2)}`);
  }
  // Not failures, but what would make the plan flip at other sizes or data shapes.
  const caveats = [];
  for (const [key, name] of [
    ['duePlan', 'due-within-window'],
    ['overduePlan', 'overdue'],
  ]) {
    const plan = b[key];
    const misestimate = plan.estRows / Math.max(1, plan.rows);
    if (misestimate >= 10 && !plan.seqScan) {
      caveats.push(
        `the ${name} query: the planner expects ${int(plan.estRows)} rows from activities where ` +
          `${int(plan.rows)} come back (×${misestimate.toFixed(0)}), so it prices the index path at ` +
          `${int(plan.cost)} against ${int(plan.seqCost)} for a Seq Scan ` +
          `(${((100 * plan.cost) / plan.seqCost).toFixed(0)}%); the estimate grows with the table`,
      );
    }
  }
  const caveatText = caveats.length
    ? `\n\nCaveats:\n${caveats.map((c) => `- ${c}`).join('\n')}`
    : '';
  const head =
    `Activities grew ×${growth.toFixed(0)} (${int(a.counts.total)} → ${int(b.counts.total)}); ` +
    `steady-state sweep median went ${ms(a.steadyMedian)} → ${ms(b.steadyMedian)} ms (×${ratio.toFixed(2)}).`;
  if (problems.length === 0) {
    return (
      `**Hypothesis confirmed.** ${head} At the largest size both candidate queries read activities ` +
      'through IDX_activities_open_due, and their scans read no more buffers than at the smallest size.' +
      caveatText
    );
  }
  return (
    `**Hypothesis NOT confirmed.** ${head}\n\n${problems.map((p) => `- ${p}`).join('\n')}` +
    caveatText
  );
}

function renderReport(meta, sweep, http) {
  const lines = [];
  const push = (...xs) => lines.push(...xs);
  push(
    '# Accords benchmark',
    '',
    `- Date: ${meta.date}`,
    `- Machine: ${meta.cpus} CPU(s) (${meta.cpuModel}), ${meta.memGb} GB RAM; load and server share the cores`,
    `- Node ${process.version}; ${meta.postgres}; Redis ${meta.redis}`,
    `- Code: ${meta.commit}; measured build: ${meta.build}`,
    `- Scratch: database \`${DB_NAME}\`, Redis prefix \`${REDIS_PREFIX}\` (both removed at the end)`,
    `- Rerun: \`npm run bench\` (≈2 min; \`BENCH_BUILD=always|never\`, \`BENCH_SIZES=1000,10000\`, \`BENCH_OPEN_PERCENT=35\`, ` +
      '`BENCH_HTTP_SECONDS=10`); needs PostgreSQL and Redis on 127.0.0.1',
    `- Total bench time: ${meta.seconds} s; load average (1 min) ${meta.loadBefore} at start, ` +
      `${meta.loadAfter} at the end${meta.busy ? ' — **the machine was busy with other work: expect noise**' : ''}`,
    '',
    '## 1. Reminder sweep scaling',
    '',
    `Demo seed plus ${BENCH_PLANS} bench plans. Fixed due set: ${DUE_SOON} open activities due in 1–29 days ` +
      `and ${OVERDUE_OPEN} open overdue ones (plus the seed's own), whatever the size. Filler: ` +
      `${95 - OPEN_TWENTIETHS * 5}% completed and 5% cancelled in the past, ${OPEN_TWENTIETHS * 5}% open but ` +
      'due 60–1560 days ahead (`BENCH_OPEN_PERCENT`). Each size: `VACUUM ANALYZE`, ' +
      '`TRUNCATE notifications`, one first sweep (inserts the rows and enqueues the jobs), then ' +
      `${STEADY_RUNS} steady-state sweeps (insert nothing). Timed in-process: \`SweepService.sweep()\` from ` +
      'the compiled ApiModule context (system clock, real PostgreSQL and Redis). Query columns are the ' +
      'median time of that query inside the steady-state sweeps (they run concurrently with others).',
    '',
    '| activities | open (in index) | open due 0–30 d | open overdue | heap MB / open-due index kB | first sweep ms (rows inserted) | steady median ms (min–max) | of which Node CPU ms | due query ms | overdue query ms | insert (no-op) ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of sweep.results) {
    push(
      `| ${int(r.counts.total)} | ${int(r.counts.open)} | ${r.counts.due30} | ${r.counts.overdue} | ` +
        `${r.heapMb.toFixed(1)} / ${int(r.openDueIndexKb)} | ${ms(r.first.ms)} (${r.first.inserted}) | ${ms(r.steadyMedian)} ` +
        `(${ms(Math.min(...r.steadyMs))}–${ms(Math.max(...r.steadyMs))}) | ${ms(r.steadyCpuMedian)} | ` +
        `${ms(r.dueQueryMs)} | ` +
        `${ms(r.overdueQueryMs)} | ${ms(r.insertMs)} |`,
    );
  }
  const planned = sweep.results[sweep.results.length - 1].first.planned;
  push(
    '',
    `Reminders planned per sweep (last size): ${Object.entries(planned)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; ` +
      `they expand to ${sweep.results[sweep.results.length - 1].deliveries} deliveries (recipient × channel).`,
    '',
    '`EXPLAIN (ANALYZE, BUFFERS)` of the candidate queries exactly as the sweep sent them (SQL and parameters ' +
      'captured from the app). "rows" is what the activities scan returned, "est." the planner\'s estimate; ' +
      'buffers are shared hit + read, for the scan of activities and for the whole query (which adds the ' +
      'join and one NOT EXISTS probe per returned row).',
    '',
    '| activities | query | access to `activities a` | est. rows | rows | removed by filter | scan buffers | query buffers | exec ms | JIT | scan cost: chosen / Seq Scan |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---|---:|',
  );
  for (const r of sweep.results) {
    for (const [name, p] of [
      ['due 0–30 d', r.duePlan],
      ['overdue', r.overduePlan],
    ]) {
      push(
        `| ${int(r.counts.total)} | ${name} | ${p.access} | ${int(p.estRows)} | ${int(p.rows)} | ` +
          `${int(p.removedByFilter)} | ${int(p.scanBuffers)} | ${int(p.buffers)} | ${ms(p.execMs)} | ` +
          `${p.jit ? 'yes' : 'no'} | ${int(p.cost)} / ${int(p.seqCost)} |`,
      );
    }
  }
  push('', verdict(sweep.results), '');
  if (sweep.textPlans) {
    push(
      `<details><summary>Plans at ${int(sweep.results[sweep.results.length - 1].counts.total)} activities</summary>`,
      '',
    );
    for (const [name, p] of Object.entries(sweep.textPlans)) {
      push(
        `**${name}**`,
        '',
        '```sql',
        p.sql.replace(/^\s+/gm, '  ').trim(),
        '```',
        '',
        '```',
        p.text,
        '```',
        '',
      );
    }
    push('</details>', '');
  }
  const lastSize = sweep.results[sweep.results.length - 1];
  const sending = sweep.perCall[3].us;
  push(
    '### Per-call costs on these paths',
    '',
    'Helpers that stood out in CPU profiles of the sweep and of the api, timed here with the compiled code ' +
      '(mean of 3,000 calls after 1,000 warm-up calls).',
    '',
    '| call | runs on | µs per call |',
    '|---|---|---:|',
    ...sweep.perCall.map((c) => `| ${c.what} | ${c.when} | ${c.us.toFixed(1)} |`),
    '',
    `At ${lastSize.deliveries} deliveries per sweep, \`nextSendingTime\` alone comes to ≈ ` +
      `${ms((lastSize.deliveries * sending) / 1000)} ms per sweep (compare the Node CPU column above; more ` +
      'outside working hours, when it builds three Intl formatters per call instead of one).',
    '',
    '## 2. HTTP (compiled api, Fastify)',
    '',
    `\`node dist/src/main.js\` (from the bench's private copy of dist/) on 127.0.0.1:${HTTP_PORT}, ` +
      'against the bench database after step 1 ' +
      `(${int(sweep.results[sweep.results.length - 1].counts.total)} activities). autocannon in the bench process, ` +
      `-c ${HTTP_CONNECTIONS}, ${HTTP_WARMUP_SECONDS} s warm-up then ${HTTP_SECONDS} s measured per endpoint; ` +
      'authenticated calls as pm@accords.example. The api, PostgreSQL and the load generator share the 2 cores.',
    '',
    '| endpoint | body bytes | req/s | p50 ms | p99 ms | requests | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of http.results) {
    push(
      `| ${r.name} | ${int(r.bytes)} | ${int(r.reqPerSec)} | ${r.p50} | ${r.p99} | ${int(r.total)} | ${r.non2xx} | ${r.errors} |`,
    );
  }
  push(
    '',
    `api RSS (VmRSS): ${(http.rssStartKb / 1024).toFixed(0)} MB after start, ` +
      `${(http.rssEndKb / 1024).toFixed(0)} MB after the runs.`,
    '',
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadBefore = os.loadavg()[0];
  const build = ensureBuild();
  snapshotBuild();
  log(`scratch database ${DB_NAME}, Redis prefix ${REDIS_PREFIX}`);
  const today = await createMigrateSeed();
  const pg = new Client({ connectionString: DB_URL });
  await pg.connect();
  resources.pg = pg;

  const meta = {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? '?',
    memGb: (os.totalmem() / 2 ** 30).toFixed(1),
    postgres: (await pg.query('SELECT version()')).rows[0].version.split(' on ')[0],
    redis: await redisVersion(),
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? ' + uncommitted changes' : ''}`,
    build,
    loadBefore: loadBefore.toFixed(2),
  };

  const sweep = await measureSweepScaling(pg, today);
  const demoPlanId = (
    await pg.query(
      `SELECT id FROM action_plans WHERE title NOT LIKE 'Bench plan %' ORDER BY created_at LIMIT 1`,
    )
  ).rows[0].id;
  const http = await measureHttp(pg, demoPlanId, sweep.planIds[0]);

  meta.seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  meta.loadAfter = os.loadavg()[0].toFixed(2);
  // Over half the cores busy before we even start: the figures were measured on a shared machine.
  meta.busy = Number(meta.loadBefore) > os.cpus().length / 2;
  const report = await formatMarkdown(renderReport(meta, sweep, http));
  fs.writeFileSync(REPORT_PATH, report);
  process.stdout.write(report);
  log(`wrote ${path.relative(ROOT, REPORT_PATH)}`);
}

/** Prettier's layout, so that `prettier --check bench` stays clean after each run. */
async function formatMarkdown(text) {
  try {
    return await require('prettier').format(text, { parser: 'markdown' });
  } catch {
    return text;
  }
}

async function redisVersion() {
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  } finally {
    redis.disconnect();
  }
}

main()
  .catch((error) => {
    process.exitCode = 1;
    // After Ctrl-C the cleanup closes connections under running queries: that is not news.
    if (cleanupPromise) return;
    log(`FAILED: ${error.stack || error}`);
    const api = resources.api;
    if (api && (api.exitCode !== null || api.signalCode !== null)) {
      log(`the api had exited (${api.exitCode ?? api.signalCode}); its last output:`);
      process.stderr.write(resources.apiOutput.join('').slice(-3000));
    }
  })
  .finally(() => cleanup());
