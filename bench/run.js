'use strict';
/**
 * `npm run bench` (issue 11): Accords beside a raw Fastify + pg baseline, in the same run.
 *
 *   npm run bench -- [--scale 1] [--rounds 3] [--seconds 10] [--warmup 2] [--connections 50]
 *                    [--deliveries 10000] [--workers 2] [--steady-runs 3] [--build auto|always|never]
 *                    [--skip sweep,delivery] [--only activity,list,list-overdue,progress,patch,dashboard,portfolio,csv,login]
 *
 * Phases: build (production build, private copy) → the baseline's copies of Accords' SQL checked
 * against that build (lib/sql-sync.js) → scratch database migrated by the app's own
 * migrations + demo seed → bench data by COPY (first 100k × scale, sweep, then the rest, sweep
 * again) → HTTP check pass (same bodies, statements per request) → HTTP A/B timed rounds → delivery
 * → bench/REPORT.md and bench/results.json. The scratch database, Redis keys and processes are
 * removed at the end, also on failure or Ctrl-C; the servers listen on free ports picked at start.
 * Progress goes to stderr.
 */
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { createScratch } = require('./lib/scratch');
const { createLoader } = require('./lib/data-loader');
const { startAppContext, measureSweepAt } = require('./lib/sweep');
const { routeTable } = require('./lib/routes');
const { checkRoute, countStatements, timedRounds, call } = require('./lib/http-bench');
const { createStatementCounter } = require('./lib/statement-counter');
const { freePorts, memoryMb, startProcess, stopProcess } = require('./lib/processes');
const { measureDelivery } = require('./lib/delivery');
const { writeReport } = require('./lib/report');
const { checkSqlSync } = require('./lib/sql-sync');

const DEFAULTS = {
  scale: 1,
  rounds: 3,
  seconds: 10,
  warmup: 2,
  connections: 50,
  deliveries: 10_000,
  workers: 2,
  'steady-runs': 3,
  build: 'auto',
  skip: '',
  only: '',
};

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match || !(match[1] in DEFAULTS)) throw new Error(`unknown option ${argv[i]}`);
    const value = match[2] ?? argv[++i];
    options[match[1]] = typeof DEFAULTS[match[1]] === 'number' ? Number(value) : value;
    if (Number.isNaN(options[match[1]])) throw new Error(`--${match[1]}: a number`);
  }
  if (!(options.scale > 0 && options.scale <= 1)) throw new Error('--scale: between 0 and 1');
  if (!['auto', 'always', 'never'].includes(options.build))
    throw new Error('--build: auto|always|never');
  options.skip = new Set(options.skip.split(',').filter(Boolean));
  options.only = new Set(options.only.split(',').filter(Boolean));
  return options;
}

const startedAt = Date.now();
const log = (message) =>
  process.stderr.write(`[bench +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${message}\n`);

/**
 * Ports the servers listen on: free ones chosen at start (the kernel's pick), so that two benches, or a
 * bench and someone's dev server or e2e run, never meet on a fixed port.
 */
const PORTS = { accords: 0, baseline: 0, workers: [] };
const SEED_PASSWORD = 'accords-demo';
const { ACCORDS_NODE_FLAGS } = require('./lib/processes');

function git(args, cwd) {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const scratch = createScratch(log);
  // An exception thrown outside the awaited chain (a library callback) must still clean up.
  process.once('uncaughtException', (error) => {
    log(`FAILED (uncaught): ${error.stack || error}`);
    scratch.cleanup().finally(() => process.exit(1));
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      scratch.cleanup().finally(() => process.exit(130));
    });
  }
  try {
    await run(options, scratch);
  } finally {
    await scratch.cleanup();
  }
}

async function run(options, scratch) {
  const { names } = scratch;
  [PORTS.accords, PORTS.baseline, ...PORTS.workers] = await freePorts(2 + options.workers);
  const loadBefore = os.loadavg()[0];
  const build = scratch.build(options.build);
  log(`scratch database ${names.database}, Redis prefix ${names.redisPrefix}`);
  // The baseline's copies of Accords' SQL (progress, dashboard, portfolio) against the measured build.
  const sqlSync = await checkSqlSync(scratch.dist);
  for (const difference of sqlSync.differences) log(`SQL text DIFFERENT: ${difference}`);
  log(
    `SQL text of the baseline's copies: ${sqlSync.statements} statements over ${sqlSync.cases} cases, ` +
      `${sqlSync.differences.length ? `${sqlSync.differences.length} differ` : 'same as Accords'}`,
  );

  // What the api, the worker and the in-process app context read; one secret for both servers.
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: names.databaseUrl,
    REDIS_URL: names.redisUrl,
    REDIS_PREFIX: names.redisPrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_PASSWORD,
    // Throughput, not the rate limiter: the API-wide limits are lifted (the limiter still runs).
    RATE_LIMIT_PER_TOKEN: '1000000000',
    RATE_LIMIT_PER_ADDRESS: '1000000000',
    // The workers would sweep every minute during delivery; the bench times the sweep itself.
    REMINDER_SWEEP_EVERY_MS: '3600000',
  };
  const { todayIn } = require(scratch.dist('common/time/calendar-date.js'));
  const today = todayIn('Africa/Casablanca', new Date());
  await scratch.createDatabase(env, today);
  const pg = new Client({ connectionString: names.databaseUrl });
  await pg.connect();
  scratch.onCleanup('close pg client', () => pg.end());

  // Data, and the sweep at the first stage (100k × scale) and at full size, same due set.
  const loader = createLoader(pg, { scale: options.scale, today, log });
  const planInfo = await loader.createPlans();
  const sweep = [];
  let app = null;
  const wantSweep = !options.skip.has('sweep');
  if (wantSweep) {
    await loader.loadUpTo(loader.sizes.sweepStage);
    app = await startAppContext(scratch);
    sweep.push(await measureSweepAt(app, scratch, pg, options['steady-runs']));
    log(
      `sweep at ${sweep[0].activities}: first ${sweep[0].first.ms.toFixed(0)} ms, steady ${sweep[0].steady.ms.toFixed(0)} ms`,
    );
  }
  await loader.loadUpTo(loader.sizes.activities);
  if (wantSweep) {
    sweep.push(await measureSweepAt(app, scratch, pg, options['steady-runs']));
    const s = sweep[1];
    log(
      `sweep at ${s.activities}: first ${s.first.ms.toFixed(0)} ms, steady ${s.steady.ms.toFixed(0)} ms`,
    );
  }

  // The activities the routes use: a joint, open one of the big plan to read and another to check
  // the PATCH on; for PATCH under load a pool of open ones (any plan), several per connection.
  const { rows: open } = await pg.query(
    `SELECT id, version FROM activities
      WHERE plan_id = $1 AND status IN ('planned', 'in_progress') AND cardinality(party_codes) = 2
      ORDER BY id LIMIT 2`,
    [planInfo.bigPlanId],
  );
  if (open.length < 2) throw new Error('not enough open joint activities in the big plan');
  const { rows: patchPool } = await pg.query(
    `SELECT id, version FROM activities
      WHERE status IN ('planned', 'in_progress') AND id <> ALL($1::uuid[])
      ORDER BY id LIMIT $2`,
    [open.map((a) => a.id), 4 * options.connections],
  );
  const ids = {
    bigPlanId: planInfo.bigPlanId,
    activityId: open[0].id,
    password: SEED_PASSWORD,
  };
  const routes = routeTable(ids).filter((r) => options.only.size === 0 || options.only.has(r.key));
  const ctx = {
    pg,
    connections: options.connections,
    checkActivityId: open[1].id,
    patchActivities: patchPool,
    tokens: {},
  };

  // Check pass, both servers behind the statement counter.
  const counter = createStatementCounter();
  const counterPort = await counter.listen();
  scratch.onCleanup('close statement counter', () => counter.close());
  const counted = {
    ...env,
    DATABASE_URL: `postgres://postgres@127.0.0.1:${counterPort}/${names.database}`,
  };
  let servers = await startServers(scratch, counted);
  ctx.accordsUrl = servers.accords.url;
  ctx.baselineUrl = servers.baseline.url;
  ctx.counter = counter;
  ctx.tokens.reader = await login(servers.accords.url, 'focal.ma@accords.example');
  ctx.tokens.manager = await login(servers.accords.url, 'pm@accords.example');
  const checks = new Map();
  for (const route of routes) {
    const check = await checkRoute(route, ctx);
    const n = route.statementSamples ?? 10;
    const statements = {
      accords: await countStatements(route, ctx, servers.accords.url, n),
      baseline: await countStatements(route, ctx, servers.baseline.url, n),
    };
    checks.set(route.key, { check, statements });
    log(
      `check ${route.name}: ${check.equal ? `same (${check.how})` : `DIFFERENT at ${check.difference.path}`}; ` +
        `${Buffer.byteLength(check.accords.text)} bytes; statements ${statements.accords} / ${statements.baseline}`,
    );
  }
  await stopServers(servers);

  // Timed pass, both servers straight on PostgreSQL.
  servers = await startServers(scratch, env);
  ctx.servers = servers;
  const timed = await timedRounds(routes, ctx, {
    rounds: options.rounds,
    seconds: options.seconds,
    warmupSeconds: options.warmup,
    log,
  });
  const rss = {
    api: memoryMb(servers.accords.pid).peak,
    baseline: memoryMb(servers.baseline.pid).peak,
  };
  await stopServers(servers);

  let delivery = null;
  if (!options.skip.has('delivery')) {
    app ??= await startAppContext(scratch);
    // A failed delivery phase is reported, not allowed to throw away the HTTP and sweep figures.
    delivery = await measureDelivery({
      app,
      scratch,
      pg,
      n: options.deliveries,
      workers: options.workers,
      env: { ...env, workerHealthPorts: PORTS.workers },
      log,
      timeoutMs: 60_000 + 50 * options.deliveries,
    }).catch((error) => {
      log(`delivery failed: ${error.stack || error}`);
      return { error: error.message };
    });
  }

  const http = routes.map((route) => {
    const { check, statements } = checks.get(route.key);
    const { accords, baseline } = timed.get(route.key);
    return {
      name: route.name,
      route,
      check,
      valid: check.equal,
      statements,
      accords,
      baseline,
      ratio: accords.rps / baseline.rps,
    };
  });
  const { rows: partsCount } = await pg.query('SELECT count(*)::int AS n FROM activity_parts');
  const { rows: bigCount } = await pg.query(
    'SELECT count(*)::int AS n FROM activities WHERE plan_id = $1',
    [planInfo.bigPlanId],
  );
  const { rows: mixRows } = await pg.query(
    `SELECT round(100.0 * count(*) FILTER (WHERE status = 'completed') / count(*), 1) AS completed,
            round(100.0 * count(*) FILTER (WHERE status = 'cancelled') / count(*), 1) AS cancelled,
            round(100.0 * count(*) FILTER (WHERE status NOT IN ('completed', 'cancelled')) / count(*), 1) AS open,
            round(100.0 * count(*) FILTER (WHERE status NOT IN ('completed', 'cancelled') AND due_on < $1) / count(*), 1) AS overdue
       FROM activities`,
    [today],
  );
  const mix = mixRows[0];
  const meta = {
    date: new Date().toISOString(),
    argv: process.argv.slice(2).join(' '),
    scale: options.scale,
    sizes: loader.sizes,
    parts: partsCount[0].n,
    bigPlanActivities: bigCount[0].n,
    mix: `${mix.completed} % completed, ${mix.cancelled} % cancelled, ${mix.open} % open (${mix.overdue} % overdue)`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? '?',
    memGb: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    postgres: (await pg.query('SELECT version()')).rows[0].version.split(' on ')[0],
    redis: await redisVersion(names.redisUrl),
    commit: `${git(['rev-parse', '--short', 'HEAD'], scratch.root)}${git(['status', '--porcelain', '--', 'src', 'migrations'], scratch.root) ? ' + uncommitted changes in src/' : ''}`,
    build,
    connections: options.connections,
    rounds: options.rounds,
    seconds_per_run: options.seconds,
    warmup: options.warmup,
    loadBefore: loadBefore.toFixed(2),
    loadAfter: os.loadavg()[0].toFixed(2),
    busy: Math.max(loadBefore, os.loadavg()[0]) > os.cpus().length / 2,
    seconds: ((Date.now() - startedAt) / 1000).toFixed(0),
  };
  const { reportPath, markdown } = await writeReport(
    { meta, http, rss, sweep: wantSweep ? sweep : null, delivery, sqlSync },
    __dirname,
  );
  process.stdout.write(markdown);
  log(`wrote ${path.relative(scratch.root, reportPath)} and bench/results.json`);
}

async function startServers(scratch, env) {
  const accords = await startProcess({
    name: 'accords api',
    // The V8 flags of `npm run start:api` and the Dockerfile: Accords is measured as it is run.
    args: [...ACCORDS_NODE_FLAGS.api, scratch.dist('main.js')],
    cwd: scratch.root,
    env: { ...env, PORT: String(PORTS.accords) },
    port: PORTS.accords,
    healthUrl: `http://127.0.0.1:${PORTS.accords}/api/health`,
  });
  scratch.onCleanup('stop accords api', () => stopProcess(accords));
  const baseline = await startProcess({
    name: 'raw baseline',
    args: [path.join(__dirname, 'raw-server', 'server.js')],
    cwd: scratch.root,
    env: { ...env, PORT: String(PORTS.baseline) },
    port: PORTS.baseline,
    healthUrl: `http://127.0.0.1:${PORTS.baseline}/api/health`,
  });
  scratch.onCleanup('stop raw baseline', () => stopProcess(baseline));
  accords.url = `http://127.0.0.1:${PORTS.accords}`;
  baseline.url = `http://127.0.0.1:${PORTS.baseline}`;
  return { accords, baseline };
}

async function stopServers(servers) {
  await stopProcess(servers.accords);
  await stopProcess(servers.baseline);
}

async function login(baseUrl, email) {
  const answer = await call(baseUrl, {
    method: 'POST',
    path: '/api/auth/login',
    body: JSON.stringify({ email, password: SEED_PASSWORD }),
  });
  if (answer.status !== 200) throw new Error(`login ${email}: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text).accessToken;
}

async function redisVersion(url) {
  const Redis = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  } finally {
    redis.disconnect();
  }
}

main().catch((error) => {
  log(`FAILED: ${error.stack || error}`);
  process.exitCode = 1;
});
