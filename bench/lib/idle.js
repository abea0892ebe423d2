'use strict';
/**
 * Waiting for quiet before a clock starts: the processes under test and the scratch database must
 * have finished what they were doing, or that work is billed to the measurement that follows.
 */
const { cpuMs } = require('./processes');

const LIMIT_MS = 60_000;

/** Statements of the scratch database running now on other connections than the bench's own. */
async function activeStatements(pg) {
  const { rows } = await pg.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND backend_type = 'client backend' AND state = 'active'`,
  );
  return rows[0].n;
}

/**
 * Resolves once every process in `pids` stays under 10 % of a core over 500 ms and no statement runs
 * in PostgreSQL, or after 60 s. Answers how long that took, the CPU the processes spent meanwhile,
 * and whether they did settle.
 */
async function untilIdle(pids, pg) {
  const started = Date.now();
  const first = pids.map(cpuMs);
  let before = first;
  while (Date.now() - started < LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = pids.map(cpuMs);
    const quiet = now.every((cpu, i) => cpu - before[i] < 50);
    before = now;
    if (quiet && (await activeStatements(pg)) === 0) {
      const spentMs = now.reduce((sum, cpu, i) => sum + cpu - first[i], 0);
      return { idle: true, waitedMs: Date.now() - started, spentMs };
    }
  }
  return { idle: false, waitedMs: Date.now() - started, spentMs: NaN };
}

module.exports = { activeStatements, untilIdle };
