'use strict';
/**
 * HTTP part of the bench: first an untimed check pass (same answer from both servers, statements
 * per request through the counting proxy), then A/B interleaved timed rounds under autocannon.
 */
const autocannon = require('autocannon');
const { compareAnswers } = require('./compare');
const { cpuMs, memoryMb } = require('./processes');
const { patchPool } = require('./routes');
const { untilIdle } = require('./idle');

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function call(baseUrl, { method, path, body, token, ifMatch }) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  if (ifMatch) headers['if-match'] = ifMatch;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}

/** Rows of the activity and its parts, to put them back exactly after a PATCH of the check pass. */
async function snapshotActivity(pg, id) {
  const { rows } = await pg.query(
    `SELECT row_to_json(a) AS activity,
            (SELECT json_agg(ap) FROM activity_parts ap WHERE ap.activity_id = a.id) AS parts
       FROM activities a WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}

async function restoreActivity(pg, id, snapshot) {
  await pg.query('BEGIN');
  await pg.query(
    `UPDATE activities a SET (progress_percent, notes, status, completed_on, version, updated_at) =
       (SELECT s.progress_percent, s.notes, s.status, s.completed_on, s.version, s.updated_at
          FROM json_populate_record(NULL::activities, $2) s)
      WHERE a.id = $1`,
    [id, snapshot.activity],
  );
  await pg.query('DELETE FROM activity_parts WHERE activity_id = $1', [id]);
  await pg.query(
    `INSERT INTO activity_parts SELECT * FROM json_populate_recordset(NULL::activity_parts, $1)`,
    [JSON.stringify(snapshot.parts ?? [])],
  );
  await pg.query('DELETE FROM activity_history WHERE activity_id = $1', [id]);
  await pg.query('COMMIT');
}

/**
 * Same answer? For PATCH both servers make the same change from the same state: the bench puts the
 * activity back (row, parts, history) between the two requests.
 */
async function checkRoute(route, ctx) {
  const request = (server) => ({ ...route, token: ctx.tokens[route.as], path: route.path });
  if (!route.patch) {
    const accords = await call(ctx.accordsUrl, request());
    const baseline = await call(ctx.baselineUrl, request());
    return { ...compareAnswers(accords, baseline, route.volatile), accords, baseline };
  }
  const id = ctx.checkActivityId;
  const before = await snapshotActivity(ctx.pg, id);
  const patch = {
    ...route,
    token: ctx.tokens.manager,
    path: `/api/activities/${id}`,
    body: JSON.stringify({ version: before.activity.version, progressPercent: 42 }),
  };
  const accords = await call(ctx.accordsUrl, patch);
  await restoreActivity(ctx.pg, id, before);
  const baseline = await call(ctx.baselineUrl, patch);
  await restoreActivity(ctx.pg, id, before);
  return { ...compareAnswers(accords, baseline, route.volatile), accords, baseline };
}

/** Statements per request: `n` sequential requests through the counting proxy. */
async function countStatements(route, ctx, baseUrl, n) {
  const before = ctx.counter.count;
  if (route.patch) {
    const pool = patchPool(ctx.patchActivities.slice(0, 1));
    for (let i = 0; i < n; i++) {
      const context = {};
      const req = pool.setupRequest({}, context);
      const answer = await call(baseUrl, { ...req, token: ctx.tokens.manager });
      pool.onResponse(answer.status, answer.text, context);
    }
    // Both servers change the same activity in turn: hand its version on.
    const { rows } = await ctx.pg.query('SELECT version FROM activities WHERE id = $1', [
      ctx.patchActivities[0].id,
    ]);
    ctx.patchActivities[0].version = rows[0].version;
  } else {
    for (let i = 0; i < n; i++) {
      await call(baseUrl, { ...route, token: ctx.tokens[route.as] });
    }
  }
  return (ctx.counter.count - before) / n;
}

function cannon(baseUrl, route, ctx, seconds, pool) {
  const headers = { 'content-type': 'application/json' };
  if (route.as) headers.authorization = `Bearer ${ctx.tokens[route.as]}`;
  const request = route.patch
    ? { method: 'PATCH', setupRequest: pool.setupRequest, onResponse: pool.onResponse }
    : { method: route.method, path: route.path, body: route.body };
  return autocannon({
    url: baseUrl,
    connections: route.connections ?? ctx.connections,
    duration: seconds,
    // autocannon's default; a heavy route sets its own (a timed-out request is re-sent while the
    // server still works on the first one, so a timeout below the latency measures nothing).
    timeout: route.timeoutSeconds ?? 10,
    headers,
    requests: [request],
  });
}

/** A route's run length: `--seconds`, or longer for a route whose answers take seconds. */
const runSeconds = (route, seconds) => Math.max(seconds, route.minSeconds ?? 0);

/**
 * Waits until both servers and the database are idle (each server under 10 % of a core over 500 ms,
 * no statement of theirs running in PostgreSQL; at most 60 s): autocannon stops sending at the end of
 * a run and drops what is in flight, but a server still works through what it accepted (Accords queues
 * up to 16 argon2 hashes at login; an abandoned portfolio request keeps its ~1 s statement running
 * while the server process itself sits idle), and that work must not be billed to the next run.
 */
async function settle(ctx) {
  const { idle } = await untilIdle(
    Object.values(ctx.servers).map((s) => s.pid),
    ctx.pg,
  );
  if (!idle) ctx.log?.('settle: servers or database still busy after 60 s; timing anyway');
}

/** One timed run of one route on one server: throughput, latency, CPU of the server process. */
async function timedRun(server, route, ctx, seconds) {
  // Both: they share the cores, so one's backlog would slow the other down.
  await settle(ctx);
  // PATCH versions move during a run: re-read them so each run starts from the truth (settle() has
  // let the requests still in flight when the previous run stopped land).
  let pool;
  if (route.patch) {
    const { rows } = await ctx.pg.query(
      'SELECT id, version FROM activities WHERE id = ANY($1::uuid[])',
      [ctx.patchActivities.map((a) => a.id)],
    );
    pool = patchPool(rows);
  }
  const cpu0 = cpuMs(server.pid);
  // RSS sampled during the run: VmHWM only tells the process's peak so far, not which route drove it.
  let rssPeakMb = memoryMb(server.pid).current;
  const sampler = setInterval(() => {
    try {
      rssPeakMb = Math.max(rssPeakMb, memoryMb(server.pid).current);
    } catch (error) {
      // The server is gone (its /proc entry with it): the run's errors will say so.
      clearInterval(sampler);
      ctx.log?.(
        `${server.name ?? 'server'} stopped answering /proc: ${error.message}\n${server.tail?.() ?? ''}`,
      );
    }
  }, 100);
  let result;
  try {
    result = await cannon(server.url, route, ctx, seconds, pool);
  } finally {
    clearInterval(sampler);
  }
  const cpu = cpuMs(server.pid) - cpu0;
  const ok = result.requests.total - result.non2xx;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    // Sent but not answered before the run stopped (autocannon drops those): all of them when each
    // answer takes longer than the run.
    sent: result.requests.sent,
    non2xx: result.non2xx,
    // autocannon counts a timeout both as a timeout and as an error.
    errors: result.errors,
    timeouts: result.timeouts,
    cpuMsPerRequest: ok > 0 ? cpu / result.requests.total : NaN,
    rssPeakMb,
  };
}

/**
 * A/B interleaved: each round runs every route on both servers, the order of the pair alternating
 * from round to round, so that drift of a shared machine hits both sides alike. A warm-up run of
 * each (untimed) precedes the first round. Medians over rounds.
 */
async function timedRounds(routes, ctx, { rounds, seconds, warmupSeconds, log }) {
  ctx.log = log;
  const runs = new Map(routes.map((r) => [r.key, { accords: [], baseline: [] }]));
  for (const route of routes) {
    for (const side of ['accords', 'baseline']) {
      await timedRun(ctx.servers[side], route, ctx, warmupSeconds);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const [i, route] of routes.entries()) {
      const order = (round + i) % 2 === 0 ? ['accords', 'baseline'] : ['baseline', 'accords'];
      for (const side of order) {
        const run = await timedRun(ctx.servers[side], route, ctx, runSeconds(route, seconds));
        runs.get(route.key)[side].push(run);
        log(
          `round ${round + 1}/${rounds} ${route.name} ${side}: ${run.rps.toFixed(0)} req/s, ` +
            `p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.requests} answers to ${run.sent} requests in ${runSeconds(route, seconds)} s` +
            `${run.non2xx ? `, ${run.non2xx} non-2xx` : ''}` +
            `${run.errors ? `, ${run.errors} errors (${run.timeouts} timeouts)` : ''}`,
        );
      }
    }
  }
  const summary = (list) => ({
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    cpuMsPerRequest: median(list.map((r) => r.cpuMsPerRequest)),
    rssPeakMb: Math.max(...list.map((r) => r.rssPeakMb)),
    non2xx: list.reduce((a, r) => a + r.non2xx, 0),
    errors: list.reduce((a, r) => a + r.errors, 0),
    timeouts: list.reduce((a, r) => a + r.timeouts, 0),
    answers: list.map((r) => r.requests),
    sent: list.map((r) => r.sent),
    rounds: list.map((r) => Math.round(r.rps)),
  });
  return new Map(
    [...runs].map(([key, { accords, baseline }]) => [
      key,
      { accords: summary(accords), baseline: summary(baseline) },
    ]),
  );
}

module.exports = { checkRoute, countStatements, timedRounds, call, median };
