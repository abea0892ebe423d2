'use strict';
/**
 * The raw baseline promises PostgreSQL the same statement text as Accords for progress, the
 * dashboard, the portfolio and the CSV export's rows: it writes Accords' SQL templates out (it imports
 * nothing from src/), so when src/ changes a fragment (activities/activity-sql.ts, money-sql.ts, …) the copy silently drifts and
 * the two servers do different work — possibly with the same answer on the bench's data, so the body
 * check alone would not notice. Checked before anything is timed: each side's code is called with a
 * recording database (no PostgreSQL involved) and the statements it would send compared text for text,
 * in order, for several callers and queries.
 *
 *   node bench/lib/sql-sync.js [dist directory, default dist/]   (after `npm run build`)
 */
const path = require('node:path');

const ACTORS = {
  focal: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'focal@example.org',
    name: 'Focal',
    role: 'focal_point',
    partyCode: 'MA',
    locale: 'fr',
    timeZone: 'Africa/Casablanca',
    observedAgreementIds: [],
  },
  manager: {
    id: '00000000-0000-4000-8000-000000000002',
    email: 'pm@example.org',
    name: 'PM',
    role: 'programme_manager',
    partyCode: null,
    locale: 'fr',
    timeZone: 'Africa/Casablanca',
    observedAgreementIds: [],
  },
  observer: {
    id: '00000000-0000-4000-8000-000000000003',
    email: 'observer@example.org',
    name: 'Observer',
    role: 'observer',
    partyCode: null,
    locale: 'en',
    timeZone: 'UTC',
    observedAgreementIds: ['00000000-0000-4000-8000-00000000000a'],
  },
};

const PLAN = '00000000-0000-4000-8000-0000000000ff';

const PORTFOLIO_QUERIES = [
  ...['title', 'completion', 'overdue', 'nextDeadline', 'achievement', 'endsOn'].flatMap((sort) =>
    ['asc', 'desc'].map((order) => ({ sort, order })),
  ),
  {
    sort: 'overdue',
    order: 'desc',
    page: '2',
    pageSize: '20',
    country: 'MA',
    theme: 'victim_support',
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
    agreementStatus: 'in_force',
  },
];

/** Rows just plausible enough for the code around the statements to run to its end. */
function fakeRows(text) {
  if (/AS due30/.test(text)) return [{ total: 0, overdue: 0, due30: 0, completion: null }];
  if (/count\(\*\)::int AS n\b/.test(text)) return [{ n: 0 }];
  return [];
}

/**
 * A stand-in for TypeORM's DataSource (rows) or pg's Pool (`{ rows }`) that keeps the statement texts.
 * The DataSource's `manager` reaches the same recorder as a pool (src/database/prepared.ts sends named
 * statements through `manager.connection.driver.master`).
 */
function recordingDatabase(shape) {
  const texts = [];
  const query = async (statement) => {
    const text = typeof statement === 'string' ? statement : statement.text;
    texts.push(text);
    const rows = fakeRows(text);
    return shape === 'pool' ? { rows } : rows;
  };
  const pool = { query: async (statement) => ({ rows: await query(statement) }) };
  const manager = { queryRunner: undefined, connection: { driver: { master: pool } } };
  return { texts, query, manager };
}

/** The statements Accords' compiled services send (`dist`: a file under dist/src → its path). */
function accordsSide(dist) {
  require('reflect-metadata');
  const { ProgressService } = require(dist('progress/progress.service.js'));
  const { DashboardService } = require(dist('progress/dashboard.service.js'));
  const { PortfolioService } = require(dist('portfolio/portfolio.service.js'));
  const { PortfolioQueryDto } = require(dist('portfolio/dto/portfolio-query.dto.js'));
  const { ActivityQueries } = require(dist('activities/activity-queries.js'));
  const { PostgresDriver } = require('typeorm/driver/postgres/PostgresDriver.js');
  // Only escapeQueryWithParameters is used: named parameters → $n, as the real driver numbers them.
  const driver = Object.assign(Object.create(PostgresDriver.prototype), { parametersPrefix: '$' });
  const clock = { now: () => new Date() };
  const plans = {
    findVisible: async () => ({ plan: { timeZone: 'Africa/Casablanca' } }),
    todayFor: () => '2026-12-02',
  };
  return {
    async progress(actor) {
      const db = recordingDatabase('rows');
      await new ProgressService(db, plans).forPlan(actor, '00000000-0000-4000-8000-0000000000ff');
      return db.texts;
    },
    async dashboard(actor) {
      const db = recordingDatabase('rows');
      await new DashboardService(db, clock).summary(actor, { page: 1, pageSize: 50 });
      return db.texts;
    },
    async portfolio(actor, query) {
      const db = recordingDatabase('rows');
      const dto = Object.assign(new PortfolioQueryDto(), query);
      if (query.page) dto.page = Number(query.page);
      if (query.pageSize) dto.pageSize = Number(query.pageSize);
      await new PortfolioService({ ...db, driver }, clock).list(actor, dto);
      return db.texts;
    },
    async csvRows() {
      const db = recordingDatabase('rows');
      await new ActivityQueries(db).exportCellsForPlan(PLAN, {}, '2026-12-02', 10_001);
      return db.texts;
    },
  };
}

/** The statements the raw baseline's modules send. */
function rawSide() {
  const { createProgress } = require('../raw-server/progress');
  const { createPortfolio } = require('../raw-server/portfolio');
  const { createCsvExport } = require('../raw-server/activities');
  const activities = { visiblePlan: async () => ({ time_zone: 'Africa/Casablanca' }) };
  return {
    async progress(actor) {
      const pool = recordingDatabase('pool');
      await createProgress({ pool, activities }).forPlan(
        actor,
        '00000000-0000-4000-8000-0000000000ff',
      );
      return pool.texts;
    },
    async dashboard(actor) {
      const pool = recordingDatabase('pool');
      await createProgress({ pool, activities }).dashboard(actor, {});
      return pool.texts;
    },
    async portfolio(actor, query) {
      const pool = recordingDatabase('pool');
      await createPortfolio({ pool })(actor, query);
      return pool.texts;
    },
    async csvRows() {
      const pool = recordingDatabase('pool');
      await createCsvExport({ pool }).cellRows(PLAN, '2026-12-02');
      return pool.texts;
    },
  };
}

/** Where two texts part, with a little of each around that point. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split('\n').length;
  const around = (s) => JSON.stringify(s.slice(Math.max(0, i - 30), i + 50));
  return `char ${i} (line ${line}): Accords ${around(a)}, raw ${around(b)}`;
}

/**
 * `{ cases, differences }`: each case names a route, caller and query; a difference says which
 * statement parts where. Empty `differences` = same text everywhere.
 */
async function checkSqlSync(dist) {
  const accords = accordsSide(dist);
  const raw = rawSide();
  const cases = [];
  for (const [who, actor] of Object.entries(ACTORS)) {
    cases.push({ name: `progress as ${who}`, run: (side) => side.progress(actor) });
    cases.push({ name: `dashboard as ${who}`, run: (side) => side.dashboard(actor) });
    for (const query of PORTFOLIO_QUERIES) {
      cases.push({
        name: `portfolio ${new URLSearchParams(query)} as ${who}`,
        run: (side) => side.portfolio(actor, query),
      });
    }
  }
  // The CSV export's rows (the bench's export is unfiltered; the caller's scope is the plan read's).
  cases.push({ name: 'csv export rows', run: (side) => side.csvRows() });
  const differences = [];
  let statements = 0;
  for (const c of cases) {
    const [a, b] = [await c.run(accords), await c.run(raw)];
    statements += a.length;
    if (a.length !== b.length) {
      differences.push(`${c.name}: Accords sends ${a.length} statements, raw ${b.length}`);
      continue;
    }
    a.forEach((text, i) => {
      if (text !== b[i])
        differences.push(`${c.name}, statement ${i + 1}: ${firstDifference(text, b[i])}`);
    });
  }
  return { cases: cases.length, statements, differences };
}

module.exports = { checkSqlSync };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'dist'));
  checkSqlSync((file) => path.join(root, 'src', file))
    .then(({ cases, statements, differences }) => {
      for (const d of differences) process.stdout.write(`DIFFERENT: ${d}\n`);
      process.stdout.write(
        `${cases} cases, ${statements} statements: ${differences.length ? `${differences.length} differ` : 'same text'}\n`,
      );
      process.exitCode = differences.length ? 1 : 0;
    })
    .catch((error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exitCode = 2;
    });
}
