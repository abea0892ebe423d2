#!/usr/bin/env node
'use strict';
// `npm test`: make sure PostgreSQL and Redis answer, then run every jest project (extra args are passed on,
// e.g. `npm test -- --selectProjects e2e -t reminders`). Plain CommonJS so it runs before anything is built.
//
// Services are probed at the protocol level, not just with a TCP connect: a port published by Docker accepts
// connections as soon as the container exists, long before the server inside is ready.

const net = require('node:net');
const path = require('node:path');
const fs = require('node:fs');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/accords';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const WAIT_AFTER_COMPOSE_MS = 60_000;
const PROBE_TIMEOUT_MS = 1_500;

const DEFAULT_PORTS = { postgres: 5432, redis: 6379 };
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const START_HINTS = {
  postgres: () => 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  redis: (port) =>
    `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port ${port} --save "" --appendonly no --dir /var/lib/redis`,
};

function endpoint(rawUrl, defaultPort) {
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    fail(`Cannot parse ${rawUrl}`);
  }
  // libpq-style `?host=/var/run/postgresql` means a Unix socket: no TCP to probe.
  const socketHost = url.searchParams.get('host');
  if (socketHost && socketHost.startsWith('/'))
    return { socket: true, host: socketHost, port: defaultPort };
  const host = (url.hostname || 'localhost').replace(/^\[|\]$/g, '');
  return { host, port: Number(url.port) || defaultPort, tls: url.protocol === 'rediss:' };
}

/** Connects, optionally writes `hello`, and resolves true when `accept(firstChunk)` does (or on connect). */
function probe({ host, port }, hello, accept) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let settled = false;
    const done = (ok) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), PROBE_TIMEOUT_MS);
    socket.once('connect', () => {
      if (!hello) return done(true);
      socket.write(hello);
    });
    socket.once('data', (chunk) => done(accept(chunk)));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

// SSLRequest (length 8, code 80877103): a live postmaster answers one byte, 'S' or 'N'.
const PG_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

async function postgresReady(ep) {
  if (ep.socket) return true; // let the tests report a Unix-socket problem themselves
  const answered = await probe(
    ep,
    PG_SSL_REQUEST,
    (b) => b.length >= 1 && (b[0] === 0x53 || b[0] === 0x4e),
  );
  if (!answered) return false;
  // The postmaster answers while it is still starting up or recovering; ask for a real session if `pg` is
  // installed. Errors other than "cannot connect now" (bad password, missing database) mean the server is up:
  // the test setup reports those better than we could.
  let pg;
  try {
    pg = require(require.resolve('pg', { paths: [ROOT] }));
  } catch {
    return true;
  }
  const client = new pg.Client({
    connectionString: DATABASE_URL,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    const code = err && err.code;
    if (
      code === '57P03' ||
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code || '')
    ) {
      return false;
    }
    if (err && /timeout|terminated unexpectedly|Connection terminated/i.test(err.message || ''))
      return false;
    return true;
  } finally {
    client.end().catch(() => {});
  }
}

function redisReady(ep) {
  if (ep.tls) return probe(ep, null, () => true); // TLS: a TCP connect is all we can check without a client
  // Any reply but -LOADING means a live server (-NOAUTH: password needed, which the tests will supply).
  return probe(ep, 'PING\r\n', (b) => {
    const reply = b.toString('latin1');
    return reply.startsWith('+') || (reply.startsWith('-') && !reply.startsWith('-LOADING'));
  });
}

const services = {
  postgres: {
    url: DATABASE_URL,
    ep: endpoint(DATABASE_URL, DEFAULT_PORTS.postgres),
    ready: postgresReady,
    hostPortVar: 'POSTGRES_HOST_PORT',
  },
  redis: {
    url: REDIS_URL,
    ep: endpoint(REDIS_URL, DEFAULT_PORTS.redis),
    ready: redisReady,
    hostPortVar: 'REDIS_HOST_PORT',
  },
};

async function down() {
  const names = [];
  for (const [name, s] of Object.entries(services)) {
    if (!(await s.ready(s.ep))) names.push(name);
  }
  return names;
}

function succeeds(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'ignore', timeout: 15_000 });
  return r.status === 0;
}

/** The compose command to use, or null when there is no usable Docker engine with compose. */
function composeCommand() {
  let compose = null;
  if (succeeds('docker', ['compose', 'version'])) compose = ['docker', 'compose'];
  else if (succeeds('docker-compose', ['version'])) compose = ['docker-compose'];
  if (!compose || !succeeds('docker', ['info'])) return null;
  return compose;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function fail(message) {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

function howToStart(names) {
  const lines = names.map((n) => `  ${n.padEnd(8)} expected at ${services[n].url}`);
  const local = names.filter((n) => !services[n].ep.socket && LOCAL_HOSTS.has(services[n].ep.host));
  let hint = '';
  if (local.length > 0) {
    const ports = local
      .filter((n) => services[n].ep.port !== DEFAULT_PORTS[n])
      .map((n) => `${services[n].hostPortVar}=${services[n].ep.port} `)
      .join('');
    hint =
      '\nStart them on this machine:\n' +
      local.map((n) => `  ${START_HINTS[n](services[n].ep.port)}`).join('\n') +
      `\nor with Docker, from ${ROOT}:\n  ${ports}docker compose up -d ${local.join(' ')}`;
  }
  return (
    `Tests need PostgreSQL and Redis, and these do not answer:\n${lines.join('\n')}${hint}\n` +
    'Then run `npm test` again. (DATABASE_URL and REDIS_URL choose other servers.)'
  );
}

async function ensureServices() {
  const missing = await down();
  if (missing.length === 0) return;

  const startable = missing.filter(
    (n) => !services[n].ep.socket && LOCAL_HOSTS.has(services[n].ep.host),
  );
  const compose = startable.length === missing.length ? composeCommand() : null;
  if (!compose) fail(howToStart(missing));

  // Publish each container on the port the URL names (docker-compose.yml reads *_HOST_PORT).
  const env = { ...process.env };
  for (const n of missing) env[services[n].hostPortVar] = String(services[n].ep.port);
  const [cmd, ...pre] = compose;
  const args = [...pre, 'up', '-d', ...missing];
  console.log(
    `[run-tests] ${missing.join(' and ')} not answering; running: ${compose.join(' ')} ${args.slice(pre.length).join(' ')}`,
  );
  const up = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (up.status !== 0)
    fail(`${compose.join(' ')} up failed (exit ${up.status}).\n\n${howToStart(missing)}`);

  const deadline = Date.now() + WAIT_AFTER_COMPOSE_MS;
  let still = missing;
  while (still.length > 0 && Date.now() < deadline) {
    await sleep(1_000);
    still = await down();
  }
  if (still.length > 0) {
    fail(
      `Started with ${compose.join(' ')} but still not answering after ${WAIT_AFTER_COMPOSE_MS / 1000} s: ` +
        `${still.join(', ')}.\nCheck \`${compose.join(' ')} logs ${still.join(' ')}\`.`,
    );
  }
  console.log('[run-tests] PostgreSQL and Redis are up.');
}

// Jest loads the ESM-only NestJS 12 packages with require(esm) through Node's vm modules (Node 24.9+),
// which Node still puts behind a flag; the warning it prints once per worker says nothing we need.
const JEST_NODE_FLAGS = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'];

/**
 * Suites that kill workers and restart or wipe Redis while mail is in flight: they assert "once, never
 * lost" under timings that assume a CPU of their own (beside another suite on a loaded machine, a
 * Redis wipe once let a slow send time out after the sink had accepted it), so the full run gives them
 * one worker, after the rest has run two suites at a time (jest.config.js maxWorkers).
 */
// auth's login-flood test bounds a real login's wait during a flood (5 s): beside another suite it took 7.3 s.
const ALONE = [
  'test/e2e/reminders-chaos.e2e-spec.ts',
  'test/e2e/reminders-recovery.e2e-spec.ts',
  'test/e2e/auth.e2e-spec.ts',
];

function jestEnv() {
  return {
    ...process.env,
    DATABASE_URL,
    REDIS_URL,
    // One id per run: the test setup derives database names and the Redis key prefix from it, so parallel
    // runs (two checkouts, CI and a developer) never share state.
    TEST_RUN_ID: process.env.TEST_RUN_ID || `${Date.now().toString(36)}${process.pid}`,
  };
}

/** Runs jest with `args`; resolves its exit code. */
function jest(args, env) {
  const jestBin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  if (!fs.existsSync(jestBin)) fail('jest is not installed: run `npm ci` first.');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...JEST_NODE_FLAGS, jestBin, '--ci', ...args], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    // Ctrl-C reaches jest through the terminal's process group; a SIGTERM sent to us only (CI cancel) is passed on.
    const forward = (sig) => child.kill(sig);
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, forward);
    child.on('exit', (code, signal) => {
      for (const sig of ['SIGINT', 'SIGTERM']) process.off(sig, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function runJest() {
  const env = jestEnv();
  const extra = process.argv.slice(2);
  // A targeted run (`npm test -- <path>`, `--selectProjects e2e`…) is jest as asked.
  if (extra.length > 0) process.exit(await jest(extra, env));
  const alone = ALONE.map((file) => path.join(ROOT, file));
  const escaped = alone.map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const rest = await jest(['--testPathIgnorePatterns', ...escaped], env);
  console.log(
    `\n[run-tests] the suites that need the CPU to themselves, one at a time: ${ALONE.join(', ')}`,
  );
  const serial = await jest(
    ['--runInBand', '--selectProjects', 'e2e', '--runTestsByPath', ...alone],
    env,
  );
  process.exit(rest !== 0 ? rest : serial);
}

ensureServices()
  .then(runJest)
  .catch((err) => fail(`[run-tests] ${err && err.stack ? err.stack : err}`));
