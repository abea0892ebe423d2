'use strict';
/**
 * The bench's own resources: a build snapshot, a scratch database and a Redis prefix, all named after
 * the bench's pid and all removed at the end, on failure or on Ctrl-C as well.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..', '..');
const PG_BASE = process.env.BENCH_PG_BASE || 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';

function createScratch(log) {
  const id = process.pid;
  const names = {
    database: `accords_bench_${id}`,
    databaseUrl: `${PG_BASE}/accords_bench_${id}`,
    pgBase: PG_BASE,
    redisUrl: REDIS_URL,
    redisPrefix: `accords-bench-${id}`,
    // Others may rebuild dist/ while the bench runs (nest build empties it first): the bench runs a
    // private copy, inside bench/ so that node_modules still resolves.
    snapshot: path.join(ROOT, 'bench', `.build-${id}`),
  };
  const state = { databaseCreated: false, snapshot: false };
  const cleanups = [];

  async function admin(fn) {
    const client = new Client({ connectionString: `${PG_BASE}/postgres` });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** Newest .ts under src/ and migrations/, to tell whether dist/ is out of date. */
  function newestSource() {
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

  /** `npm run build` when dist/ is missing or older than the sources (mode auto), then a private copy. */
  function build(mode) {
    const main = path.join(ROOT, 'dist', 'src', 'main.js');
    const exists = fs.existsSync(main);
    const stale = exists && fs.statSync(main).mtimeMs < newestSource();
    let note;
    if (mode === 'never' || (mode === 'auto' && exists && !stale)) {
      if (!exists) throw new Error('dist/src/main.js is missing and --build never');
      note = stale
        ? 'existing dist/ (older than src/: --build never)'
        : 'existing dist/ (up to date)';
    } else {
      log(`npm run build (${exists ? (stale ? 'dist/ older than src/' : 'forced') : 'no dist/'})`);
      const result = spawnSync('npm', ['run', 'build'], {
        cwd: ROOT,
        stdio: ['ignore', process.stderr, process.stderr],
      });
      if (result.status !== 0) throw new Error('npm run build failed');
      note = 'fresh `npm run build` of the working tree';
    }
    fs.cpSync(path.join(ROOT, 'dist'), names.snapshot, { recursive: true });
    state.snapshot = true;
    return note;
  }

  const dist = (file) => path.join(names.snapshot, 'src', file);

  /** Creates the database, runs the app's migrations (compiled) and the demo seed. */
  async function createDatabase(env, today) {
    await admin((c) => c.query(`CREATE DATABASE ${names.database}`));
    state.databaseCreated = true;
    Object.assign(process.env, env);
    require('reflect-metadata');
    const { DataSource } = require('typeorm');
    const { typeOrmOptions } = require(dist('database/typeorm-options.js'));
    const { seed } = require(dist('database/seed/seed.js'));
    const dataSource = await new DataSource(typeOrmOptions(names.databaseUrl)).initialize();
    try {
      const migrations = await dataSource.runMigrations();
      const { created } = await seed(dataSource, { password: env.SEED_PASSWORD, today });
      log(`migrated (${migrations.length} migrations) and seeded ${JSON.stringify(created)}`);
    } finally {
      await dataSource.destroy();
    }
  }

  async function deleteRedisKeys() {
    const Redis = require('ioredis');
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    try {
      // Plain keys use `<prefix>:`, BullMQ's `{<prefix>}:`; one pattern covers both.
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `*${names.redisPrefix}*`,
          'COUNT',
          1000,
        );
        cursor = next;
        if (keys.length > 0) deleted += await redis.unlink(...keys);
      } while (cursor !== '0');
      return deleted;
    } finally {
      redis.disconnect();
    }
  }

  let cleaning = null;
  /** Runs the registered cleanups (last first), then drops the database and the Redis keys. */
  function cleanup() {
    cleaning ??= (async () => {
      const step = async (name, fn) => {
        try {
          await fn();
        } catch (error) {
          log(`cleanup: ${name} failed: ${error.message}`);
        }
      };
      for (const [name, fn] of cleanups.reverse()) await step(name, fn);
      await step('drop database', async () => {
        if (!state.databaseCreated) return;
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${names.database} WITH (FORCE)`));
        log(`dropped database ${names.database}`);
      });
      await step('delete Redis keys', async () => {
        log(`deleted ${await deleteRedisKeys()} Redis key(s) under ${names.redisPrefix}`);
      });
      await step('remove build copy', async () => {
        if (state.snapshot) fs.rmSync(names.snapshot, { recursive: true, force: true });
      });
    })();
    return cleaning;
  }

  return {
    names,
    root: ROOT,
    dist,
    build,
    createDatabase,
    cleanup,
    onCleanup: (name, fn) => cleanups.push([name, fn]),
    get cleaningUp() {
      return cleaning !== null;
    },
  };
}

module.exports = { createScratch };
