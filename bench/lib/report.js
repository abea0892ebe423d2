'use strict';
/**
 * bench/results.json (the shape issue 11 asks for) and bench/REPORT.md. The previous results stay
 * beside the new: REPORT.md shows the previous run's req/s and ratio next to this run's, and the
 * previous REPORT.md moves to bench/history/.
 */
const fs = require('node:fs');
const path = require('node:path');

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const num = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
/** req/s: whole numbers, with a decimal below 10 (login under argon2 runs a few per second). */
const rate = (n) => (Number.isFinite(n) && n < 10 ? n.toFixed(1) : int(n));
const ms = (n) =>
  !Number.isFinite(n) ? '—' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);

/** Routes run with their own load settings (routes.js): `(login -c 2; portfolio -c 4, …)`. */
function routeExceptions(http) {
  const notes = http
    .map(({ route }) => {
      const own = [];
      if (route.connections) own.push(`-c ${route.connections}`);
      if (route.timeoutSeconds) own.push(`timeout ${route.timeoutSeconds} s`);
      if (route.minSeconds) own.push(`runs of ≥ ${route.minSeconds} s`);
      return own.length ? `${route.key} ${own.join(', ')}` : null;
    })
    .filter(Boolean);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/** The goals of issue 11 for one route: reads ≥ 0.8×, PATCH ≥ 0.7×, p99 ≤ 2× the baseline's. */
function goalOf(route, row) {
  if (!row.valid) return 'invalid (bodies differ)';
  if (!(row.accords.rps > 0 && row.baseline.rps > 0))
    return 'not measured (no answer within a run)';
  const minRatio = route.key === 'patch' ? 0.7 : 0.8;
  const misses = [];
  if (!(row.ratio >= minRatio)) misses.push(`ratio < ${minRatio}`);
  if (!(row.accords.p99 <= 2 * row.baseline.p99)) misses.push('p99 > 2× raw');
  if (route.key === 'progress' && !(row.accords.rps >= 100)) misses.push('< 100 req/s');
  return misses.length ? `**missed**: ${misses.join(', ')}` : 'met';
}

/** What bench/lib/sql-sync.js found this run, for the "same text" claim. */
function sqlSyncNote(sqlSync) {
  if (!sqlSync) return '';
  return sqlSync.differences.length
    ? `; **${sqlSync.differences.length} statement(s) differ this run**, see Problems`
    : `; checked this run: ${sqlSync.statements} statements over ${sqlSync.cases} callers and queries, same text`;
}

function resultsJson(run) {
  const results = run.http.map((row) => ({
    name: row.name,
    accords: { rps: round(row.accords.rps, 1), p50: row.accords.p50, p99: row.accords.p99 },
    baseline: { rps: round(row.baseline.rps, 1), p50: row.baseline.p50, p99: row.baseline.p99 },
    // null when the two servers did not answer the same body (that ratio would compare different
    // work), or when one side answered nothing within a run.
    ratio: row.valid ? round(row.ratio, 3) : null,
  }));
  const full = run.sweep?.at(-1);
  if (full) results.push({ name: 'sweep-steady-1m', ms: round(full.steady.ms, 1) });
  results.push({ name: 'rss-api-peak', mb: round(run.rss.api, 1) });
  if (run.delivery && !run.delivery.error) {
    results.push({ name: 'rss-worker-peak', mb: round(run.delivery.accords.rssPeakMb, 1) });
    results.push({ name: 'delivery', ratio: round(run.delivery.ratio, 3) });
  }
  return results;
}

const round = (n, digits) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

function renderMarkdown(run, previous) {
  const { meta } = run;
  const out = [];
  const push = (...lines) => out.push(...lines);
  const previousByName = new Map((previous ?? []).map((r) => [r.name, r]));
  push(
    '# Accords benchmark (issue 11): Accords beside a raw Fastify + pg baseline',
    '',
    meta.scale === 1
      ? `Full scale (1,000,000 activities).`
      : `**Small-scale run (--scale ${meta.scale}: ${int(meta.sizes.activities)} activities, not the 1,000,000 of the issue)** — ` +
          'figures show that the harness works, not where Accords stands at a million activities.',
    '',
    `- Date: ${meta.date}; total bench time ${meta.seconds} s`,
    `- Machine: ${meta.cpus} CPU(s) (${meta.cpuModel}), ${meta.memGb} GB RAM; servers, PostgreSQL, Redis and autocannon share the cores` +
      `; load average ${meta.loadBefore} at start, ${meta.loadAfter} at the end` +
      (meta.busy
        ? ' — **the machine was shared with other work: absolute figures are noisy, ratios less so**'
        : ''),
    `- Node ${meta.node}; ${meta.postgres}; Redis ${meta.redis}`,
    `- Code: ${meta.commit}; measured build: ${meta.build}`,
    `- Data: ${int(meta.sizes.activities)} activities (${int(meta.parts)} parts) in ${int(meta.sizes.plans)} plans of ${int(meta.sizes.agreements)} agreements ` +
      `plus the demo seed; the big plan has ${int(meta.bigPlanActivities)} activities; status mix ${meta.mix}`,
    `- Load: autocannon -c ${meta.connections}${routeExceptions(run.http)}, ${meta.rounds} A/B interleaved rounds of ${meta.seconds_per_run} s per route and server after a ${meta.warmup} s warm-up; medians`,
    `- Rerun: \`npm run bench${meta.argv ? ` -- ${meta.argv}` : ''}\``,
    '',
    '## 1. HTTP routes',
    '',
    'Reads as the focal point of Morocco (party scoping on every query), PATCH as the programme manager. ' +
      'Both servers answer the same request bytes with the same token. Before timing, each route is called once on each ' +
      'server and the bodies compared (byte for byte unless a volatile field is named); statements are counted by a ' +
      'protocol-reading proxy in front of PostgreSQL over sequential untimed calls (Execute + simple Query messages, ' +
      'BEGIN/COMMIT included). CPU ms per request: utime + stime of the server process (/proc/<pid>/stat) over the run ÷ requests. ' +
      'RSS: the highest VmRSS sampled every 100 ms during the route\'s runs (both servers keep what their heap grew to, so a route that needs no more than an earlier one shows that earlier figure).',
    '',
    '| route | Accords req/s | raw req/s | ratio | p50 ms A / raw | p99 ms A / raw | CPU ms/req A / raw | RSS MiB A / raw | statements A / raw | same body | goal | previous run: Accords req/s, ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
  );
  for (const row of run.http) {
    const prev = previousByName.get(row.name);
    push(
      `| ${row.name} | ${rate(row.accords.rps)} | ${rate(row.baseline.rps)} | ${row.valid ? num(row.ratio) : '**invalid**'} | ` +
        `${row.accords.p50} / ${row.baseline.p50} | ${row.accords.p99} / ${row.baseline.p99} | ` +
        `${num(row.accords.cpuMsPerRequest)} / ${num(row.baseline.cpuMsPerRequest)} | ` +
        `${num(row.accords.rssPeakMb, 0)} / ${num(row.baseline.rssPeakMb, 0)} | ` +
        `${num(row.statements.accords, 1)} / ${num(row.statements.baseline, 1)} | ` +
        `${row.valid ? `yes (${row.check.how})` : 'NO'} | ${goalOf(row.route, row)} | ` +
        `${prev ? `${int(prev.accords?.rps)}, ${prev.ratio === null ? 'no ratio' : num(prev.ratio)}` : '—'} |`,
    );
  }
  const unanswered = (side) => !(side.rps > 0);
  const problems = run.http.filter(
    (r) =>
      !r.valid ||
      r.accords.non2xx ||
      r.baseline.non2xx ||
      r.accords.errors ||
      r.baseline.errors ||
      unanswered(r.accords) ||
      unanswered(r.baseline),
  );
  const sqlDifferences = run.sqlSync?.differences ?? [];
  if (problems.length || sqlDifferences.length) {
    push('', '**Problems:**', '');
    for (const d of sqlDifferences) {
      push(`- SQL text of the baseline differs from Accords' (bench/lib/sql-sync.js): ${d}`);
    }
    for (const r of problems) {
      if (!r.valid) {
        const d = r.check.difference;
        push(
          `- ${r.name}: bodies differ at \`${d.path}\`: Accords \`${JSON.stringify(d.accords)?.slice(0, 200)}\`, ` +
            `raw \`${JSON.stringify(d.baseline)?.slice(0, 200)}\` — ratio not computed`,
        );
      }
      for (const side of ['accords', 'baseline']) {
        if (unanswered(r[side])) {
          push(
            `- ${r.name} (${side}): no answer within a run (requests sent per run: ${r[side].sent?.join(', ')}): ` +
              'every answer took longer than the run, or the server never answered; give the route longer runs (routes.js minSeconds)',
          );
        }
        if (r[side].non2xx || r[side].errors) {
          push(
            `- ${r.name} (${side}): ${r[side].non2xx} non-2xx answers, ${r[side].errors} errors ` +
              `(${r[side].timeouts ?? 0} of them timeouts) over the rounds`,
          );
        }
      }
    }
  }
  push(
    '',
    '<details><summary>req/s per round (Accords | raw)</summary>',
    '',
    ...run.http.map(
      (r) =>
        `- ${r.name}: ${r.accords.rounds.join(', ')} | ${r.baseline.rounds.join(', ')} ` +
        `(answers per run: ${r.accords.answers?.join(', ')} | ${r.baseline.answers?.join(', ')})`,
    ),
    '',
    '</details>',
    '',
    '## 2. Memory',
    '',
    `Peak RSS (VmHWM) over the timed rounds: api **${num(run.rss.api, 0)} MiB** (raw baseline ${num(run.rss.baseline, 0)} MiB)` +
      (run.delivery && !run.delivery.error
        ? `; Accords worker ${num(run.delivery.accords.rssPeakMb, 0)} MiB during delivery (raw worker ${num(run.delivery.raw.rssPeakMb, 0)} MiB).`
        : '; worker not measured (delivery skipped).'),
    'Goal: ≤ 250 MB each.',
    '',
  );
  push('## 3. Reminder sweep', '');
  if (!run.sweep) {
    push('Skipped (`--skip sweep`).', '');
  } else {
    push(
      '`SweepService.sweep()` from the compiled ApiModule, in the bench process (system clock, real PostgreSQL and Redis). ' +
        'Same due set at both sizes: the growth is closed or far-future activities only. First sweep after `TRUNCATE notifications, reminder_marks`; ' +
        `then ${run.sweep[0].steady.runs.length} steady-state sweeps (everything due already planned), median.`,
      '',
      '| activities | reminders planned | deliveries | first sweep ms (rows inserted) | first: Node CPU ms | steady-state ms (runs) | steady: Node CPU ms |',
      '|---:|---|---:|---:|---:|---:|---:|',
      ...run.sweep.map(
        (s) =>
          `| ${int(s.activities)} | ${Object.entries(s.planned)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')} | ${int(s.deliveries)} | ` +
          `${ms(s.first.ms)} (${int(s.first.inserted)}) | ${ms(s.first.cpuMs)} | ${ms(s.steady.ms)} (${s.steady.runs.join(', ')}) | ${ms(s.steady.cpuMs)} |`,
      ),
      '',
      'Goals (at 1M): steady-state < 200 ms, first sweep < 5 s. `sweep-steady-1m` in results.json is the steady-state ' +
        'median at the largest size of the run (1M only at `--scale 1`).',
      '',
    );
  }
  push('## 4. Delivery', '');
  if (!run.delivery) {
    push('Skipped (`--skip delivery`).', '');
  } else if (run.delivery.error) {
    push(`**Failed:** ${run.delivery.error}`, '');
  } else {
    const d = run.delivery;
    push(
      `${int(d.n)} reminder mails to an SMTP sink on 127.0.0.1, ${d.workers} worker processes each side (concurrency 5 each). ` +
        'Accords: `node dist/src/worker.js` delivering rows planned by its own NotificationLifecycle.plan(). Raw: BullMQ worker ' +
        '+ nodemailer (claim the row, read the title, send, mark sent). The workers of each side are started and left to finish their start-up work (the first scheduled sweeps of Accords) until idle; the clock runs from planning to the last distinct Message-ID at the sink.',
      '',
      '| side | seconds | mails/s | duplicates at the sink | worker peak RSS MiB |',
      '|---|---:|---:|---:|---:|',
      `| Accords | ${num(d.accords.ms / 1000, 1)} | ${int(d.accords.perSecond)} | ${d.accords.duplicates} | ${num(d.accords.rssPeakMb, 0)} |`,
      `| raw | ${num(d.raw.ms / 1000, 1)} | ${int(d.raw.perSecond)} | ${d.raw.duplicates} | ${num(d.raw.rssPeakMb, 0)} |`,
      '',
      `Ratio ${num(d.ratio)} (goal ≥ 0.5, 0 duplicates).`,
      '',
    );
  }
  push(
    '## What the baseline does and does not do',
    '',
    '- Same: HS256 token check with the same secret and claims rules, the user re-read with every column Accords selects, ' +
      'agreement scoping, the same filters/order/pagination and the same SQL aggregates (progress, dashboard and portfolio are the same text' +
      sqlSyncNote(run.sqlSync) +
      '), ' +
      'the same optimistic-version PATCH with the plan share lock, carried-over refusal, parts pushed and a history row, argon2 verify at login; ' +
      'the same pool (10 connections) with the same session settings (no parallel workers, no JIT).',
    '- Heavy routes get their own load settings (section 1, Load): the portfolio aggregates every plan (once ~1 s of SQL per request, ' +
      'when -c 50 queued work past the timeout) and the CSV export is ~0.2 s of CPU per file on each side; both run at -c 4. Login is one argon2 hash per answer (seconds each on a shared ' +
      'machine), so it runs at -c 2 in runs of at least 10 s: shorter runs ended before the first answer. ' +
      'Between runs the bench waits until both servers and PostgreSQL are idle.',
    '- Leaner on purpose (what issue 11 asks Accords to become): visibility joined into the read it guards, parts folded into ' +
      'activity rows as JSON, `UPDATE … RETURNING` instead of a re-read, named prepared statements.',
    '- Not done by the baseline (Accords-only work, part of its cost): the API-wide rate limit in Redis, request ids, security ' +
      "headers, Nest's validation pipe, the login throttle and hash queue (login runs at -c 2 on both sides for that reason).",
    '- Volatile fields compared out: PATCH `updatedAt` and `parts[].updatedAt` (the instant of each change; the bench restores the ' +
      'activity between the two requests so everything else must match); login `accessToken` (iat/exp). Every other route: bytes.',
    '',
    '## Previous runs',
    '',
    "The previous run's req/s and ratio are in the last column of section 1 (from the previous `bench/results.json`); earlier " +
      'reports are kept whole in [bench/history/](history/):',
    '',
    ...run.history.map((f) => `- [${f}](history/${f})`),
    '',
  );
  return out.join('\n');
}

async function formatMarkdown(text) {
  try {
    return await require('prettier').format(text, { parser: 'markdown' });
  } catch {
    return text;
  }
}

/** Moves the previous REPORT.md into history/, then writes the new report and results. */
async function writeReport(run, benchDir) {
  const reportPath = path.join(benchDir, 'REPORT.md');
  const resultsPath = path.join(benchDir, 'results.json');
  const historyDir = path.join(benchDir, 'history');
  fs.mkdirSync(historyDir, { recursive: true });
  let previous = null;
  if (fs.existsSync(resultsPath)) {
    try {
      previous = JSON.parse(fs.readFileSync(resultsPath, 'utf8'));
    } catch {
      previous = null;
    }
  }
  if (fs.existsSync(reportPath)) {
    const dated = /Date: (\S+?)T/.exec(fs.readFileSync(reportPath, 'utf8'))?.[1] ?? 'undated';
    let name = `${dated}-REPORT.md`;
    for (let i = 2; fs.existsSync(path.join(historyDir, name)); i++)
      name = `${dated}-REPORT-${i}.md`;
    fs.renameSync(reportPath, path.join(historyDir, name));
  }
  run.history = fs
    .readdirSync(historyDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .reverse();
  const markdown = await formatMarkdown(renderMarkdown(run, previous));
  fs.writeFileSync(reportPath, markdown);
  fs.writeFileSync(resultsPath, `${JSON.stringify(resultsJson(run), null, 2)}\n`);
  return { reportPath, resultsPath, markdown };
}

module.exports = { writeReport, resultsJson };
