'use strict';
/**
 * The reminder sweep, timed in-process: `SweepService.sweep()` from the compiled ApiModule context
 * (the worker's module would also start the delivery processors and the sweep scheduler behind our
 * back). System clock, real PostgreSQL and Redis. At each table size: a first sweep that plans
 * everything due (notifications truncated before), then steady-state sweeps with everything due
 * already planned — the one that runs every minute in production.
 */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const elapsedMs = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

async function startAppContext(scratch) {
  const { NestFactory } = require('@nestjs/core');
  const { ApiModule } = require(scratch.dist('api.module.js'));
  const app = await NestFactory.createApplicationContext(ApiModule, { logger: ['error', 'warn'] });
  scratch.onCleanup('close app context', () => app.close());
  return app;
}

async function timedSweep(sweepService) {
  // CPU of this process beside wall time: how much of a sweep is Node work rather than waiting.
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const report = await sweepService.sweep();
  const ms = elapsedMs(t0);
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, report };
}

/** One size: first sweep from an empty notifications table, then `steadyRuns` steady-state sweeps. */
async function measureSweepAt(app, scratch, pg, steadyRuns) {
  const { SweepService } = require(scratch.dist('reminders/sweep.service.js'));
  const sweepService = app.get(SweepService);
  // The sweep's planned-through marks say what those rows hold: they go with them.
  await pg.query('TRUNCATE notifications, reminder_marks');
  await pg.query('ANALYZE notifications');
  await pg.query('ANALYZE reminder_marks');
  const { rows } = await pg.query('SELECT count(*)::int AS n FROM activities');
  const first = await timedSweep(sweepService);
  const steady = [];
  for (let i = 0; i < steadyRuns; i++) steady.push(await timedSweep(sweepService));
  const noisy = steady.filter((s) => s.report.inserted !== 0);
  if (noisy.length) throw new Error('a steady-state sweep inserted rows: the due set moved');
  return {
    activities: rows[0].n,
    planned: first.report.planned,
    deliveries: first.report.deliveries,
    first: { ms: first.ms, cpuMs: first.cpuMs, inserted: first.report.inserted },
    steady: {
      ms: median(steady.map((s) => s.ms)),
      cpuMs: median(steady.map((s) => s.cpuMs)),
      runs: steady.map((s) => Math.round(s.ms)),
    },
  };
}

module.exports = { startAppContext, measureSweepAt };
