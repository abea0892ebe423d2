'use strict';
/**
 * Bench data: 1,000,000 activities in 2,000 plans (one plan of 5,000) at `--scale 1`, beside the demo
 * seed, in a database migrated by the app's own migrations.
 *
 * Status mix (issue 11): 60 % completed in the past, 5 % cancelled, 35 % open, of which a fixed "due
 * set" the reminder sweep must find: 14,040 open and due within 30 days and 20,015 overdue (~2 %), the
 * issue's figures. Activities are numbered g = 0…N-1 and the due set comes first, so loading in stages
 * (0…100k, then up to 1M) measures the sweep at both sizes with the same due set: what the larger
 * table adds is only closed or far-future work. Every plan, the 5,000 one included, gets the same mix
 * (the big plan takes every (N/5000)th activity).
 *
 * Activities and their parts go in with COPY FROM STDIN (pg-copy-streams): row-by-row INSERTs of a
 * million rows would take longer than the whole bench may. Secondary indexes are dropped during a
 * stage and rebuilt from their own definitions afterwards (same schema, built once instead of
 * maintained per row), and foreign-key triggers are skipped (session_replication_role = replica): the
 * generator makes the references right by construction.
 */
const { randomUUID } = require('node:crypto');
const { pipeline } = require('node:stream/promises');
const { Readable } = require('node:stream');
const { from: copyFrom } = require('pg-copy-streams');

const FULL = {
  activities: 1_000_000,
  plans: 2_000,
  bigPlan: 5_000,
  agreements: 100,
  dueSoon: 14_040,
  overdue: 20_015,
  completed: 600_000,
  cancelled: 50_000,
};
const SWEEP_STAGE = 100_000;

const TYPES = [
  'workshop',
  'study_visit',
  'legal_exchange',
  'capacity_building',
  'awareness',
  'data_collection',
  'meeting',
  'other',
];
const THEMES = [
  'victim_support',
  'data_collection',
  'legal_cooperation',
  'child_trafficking',
  'referral_mechanisms',
  'standard_procedures',
];
const TIME_ZONES = ['Africa/Casablanca', 'Africa/Abidjan'];
/** Even agreements: Morocco and Côte d'Ivoire (the focal point of MA sees them); odd: Côte d'Ivoire and Tunisia. */
const AGREEMENT_PARTIES = [
  ['MA', 'CI'],
  ['CI', 'TN'],
];

/** Sizes at a scale; never below what keeps every route meaningful. */
function sizesAt(scale) {
  const n = (x, min) => Math.max(min, Math.round(x * scale));
  const activities = n(FULL.activities, 2_000);
  return {
    activities,
    sweepStage: Math.min(activities, n(SWEEP_STAGE, 1_000)),
    plans: n(FULL.plans, 8),
    // At small scales the big plan keeps 200 activities: a page of 50 must not be the whole plan.
    bigPlan: Math.min(Math.floor(activities / 4), n(FULL.bigPlan, 200)),
    agreements: n(FULL.agreements, 2),
    dueSoon: n(FULL.dueSoon, 20),
    overdue: n(FULL.overdue, 20),
  };
}

const addDays = (date, days) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// Three dates per row, a million rows: formatted once per distinct day rather than per row.
const dayCache = new Map();
function cachedAddDays(date, days) {
  const key = `${date}${days}`;
  let day = dayCache.get(key);
  if (day === undefined) dayCache.set(key, (day = addDays(date, days)));
  return day;
}

/** COPY text format: backslash, tab and newlines escaped; null is \N. */
function cell(value) {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c],
  );
}
const pgArray = (items) => `{${items.join(',')}}`;

/**
 * Activity g: its plan, status, dates and parties, deterministic in g (a rerun loads the same data).
 * `mix` holds the thresholds that spread completed / cancelled / open-far over the filler.
 */
function activityRow(g, ctx) {
  const { sizes, today, plans, bigPlanIndex, stride, stamp } = ctx;
  const planIndex =
    g % stride === 0 && g / stride < sizes.bigPlan ? bigPlanIndex : 1 + (g % (plans.length - 1)); // plans[0] is the big one
  const plan = plans[planIndex];
  let status;
  let due;
  if (g < sizes.dueSoon) {
    status = g % 2 ? 'in_progress' : 'planned';
    due = cachedAddDays(today, 1 + (g % 29));
  } else if (g < sizes.dueSoon + sizes.overdue) {
    status = ['in_progress', 'planned', 'postponed'][g % 3];
    due = cachedAddDays(today, -2 - (g % 400));
  } else {
    // A cheap shuffle of the filler so that neighbours (and so plans) get the same mix.
    const k = (g * 7919) % 1000;
    if (k < ctx.mix.completed) status = 'completed';
    else if (k < ctx.mix.completed + ctx.mix.cancelled) status = 'cancelled';
    else status = ['planned', 'in_progress', 'postponed'][g % 3];
    due =
      status === 'completed' || status === 'cancelled'
        ? cachedAddDays(today, -1 - (g % 1500))
        : cachedAddDays(today, 31 + (g % 1500));
  }
  const [first, second] = plan.parties;
  const lead = g % 2 ? first : second;
  // 40 % joint activities (both parties), the rest led and done by one party.
  const partyCodes = g % 5 < 2 ? [lead, lead === first ? second : first] : [lead];
  const progress = status === 'completed' ? 100 : status === 'planned' ? 0 : 10 + (g % 80);
  return {
    id: randomUUID(),
    planId: plan.id,
    title: `Activité ${g} : atelier régional sur l'identification des victimes`,
    description:
      g % 3 ? `Lot ${g}. Échange de pratiques entre services, suivi des cas référés.` : null,
    translations:
      g % 10 === 0 ? JSON.stringify({ en: { title: `Activity ${g}: regional workshop` } }) : '{}',
    type: TYPES[g % TYPES.length],
    themes:
      g % 4
        ? [THEMES[g % THEMES.length]]
        : [THEMES[g % THEMES.length], THEMES[(g + 1) % THEMES.length]],
    lead,
    partyCodes,
    plannedStart: cachedAddDays(due, -30),
    due,
    status,
    progress,
    completedOn: status === 'completed' ? due : null,
    notes: g % 7 === 0 ? 'Compte rendu à diffuser aux points focaux.' : null,
    stamp,
  };
}

function activityLine(a) {
  return [
    a.id,
    a.planId,
    cell(a.title),
    cell(a.description),
    cell(a.translations),
    a.type,
    pgArray(a.themes),
    a.lead,
    pgArray(a.partyCodes),
    a.plannedStart,
    a.due,
    a.status,
    a.progress,
    cell(a.completedOn),
    cell(a.notes),
    1,
    a.stamp,
    a.stamp,
  ].join('\t');
}

/**
 * One part per party, where the activity stands: the roll-up of identical parts is the activity. With
 * its copies of the activity's plan, due date and lead (migration ProgressFigures): their trigger is
 * off during the load.
 */
function partLines(a) {
  return a.partyCodes
    .map((code) =>
      [
        a.id,
        code,
        a.status,
        a.progress,
        '\\N',
        cell(a.completedOn),
        1,
        a.stamp,
        '\\N',
        a.planId,
        a.due,
        code === a.lead ? 't' : 'f',
      ].join('\t'),
    )
    .join('\n');
}

async function copyLines(pg, sql, lines) {
  const stream = pg.query(copyFrom(sql));
  await pipeline(Readable.from(lines), stream);
}

/** Secondary indexes of a table, to drop during a load and rebuild after from their definitions. */
async function secondaryIndexes(pg, table) {
  const { rows } = await pg.query(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  return rows;
}

function createLoader(pg, { scale, today, log }) {
  const sizes = sizesAt(scale);
  const fillerFull = FULL.activities - FULL.dueSoon - FULL.overdue;
  const mix = {
    completed: Math.round((1000 * FULL.completed) / fillerFull),
    cancelled: Math.round((1000 * FULL.cancelled) / fillerFull),
  };
  const ctx = { sizes, today, mix, stamp: `${addDays(today, -400)}T08:00:00.000Z` };
  let loaded = 0;

  /** Agreements and plans: a few thousand rows, inserted from SQL (the seed's agreement as model). */
  async function createPlans() {
    const { rows: agreements } = await pg.query(
      `INSERT INTO agreements (kind, title, party_codes, signed_on, entry_into_force_on, duration_months,
         renewal_mode, time_zone, expires_on)
       SELECT 'mou', 'Accord de coopération ' || g,
              CASE WHEN g % 2 = 0 THEN $2::varchar[] ELSE $3::varchar[] END,
              $1::date - 365, $1::date - 365, 120, 'none', 'Africa/Casablanca',
              ($1::date - 365 + interval '120 months')::date - 1
         FROM generate_series(0, $4 - 1) g
       RETURNING id, party_codes`,
      [today, ...AGREEMENT_PARTIES, sizes.agreements],
    );
    const { rows: plans } = await pg.query(
      `INSERT INTO action_plans (agreement_id, title, party_codes, starts_on, duration_months, ends_on,
         time_zone)
       SELECT ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'Plan d''action ' || g,
              ($3::text[])[1 + g % cardinality($3::text[])]::varchar[],
              $1::date - 365 + (g % 200), 60, ($1::date - 365 + (g % 200) + interval '60 months')::date - 1,
              ($4::text[])[1 + g % 2]
         FROM generate_series(0, $5 - 1) g
       RETURNING id, agreement_id, party_codes, title`,
      [
        today,
        agreements.map((a) => a.id),
        agreements.map((a) => pgArray(a.party_codes)),
        TIME_ZONES,
        sizes.plans,
      ],
    );
    ctx.plans = plans.map((p) => ({ id: p.id, parties: p.party_codes, title: p.title }));
    // Plan 0 is in agreement 0 (MA + CI): the big plan the focal point of MA reads.
    ctx.bigPlanIndex = 0;
    ctx.stride = Math.floor(sizes.activities / sizes.bigPlan);
    return { bigPlanId: ctx.plans[0].id, plans: ctx.plans.length, agreements: agreements.length };
  }

  /** Loads activities g = loaded…upTo-1 and their parts. */
  async function loadUpTo(upTo) {
    const from = loaded;
    if (upTo <= from) return;
    const t0 = Date.now();
    const dropped = [
      ...(await secondaryIndexes(pg, 'activities')),
      ...(await secondaryIndexes(pg, 'activity_parts')),
    ];
    for (const index of dropped) await pg.query(`DROP INDEX "${index.name}"`);
    await pg.query('SET session_replication_role = replica');
    const parts = [];
    const chunk = 2_000;
    async function* activityChunks() {
      for (let g = from; g < upTo; g += chunk) {
        const lines = [];
        for (let i = g; i < Math.min(upTo, g + chunk); i++) {
          const a = activityRow(i, ctx);
          lines.push(activityLine(a));
          parts.push(partLines(a));
        }
        yield `${lines.join('\n')}\n`;
      }
    }
    await copyLines(
      pg,
      `COPY activities (id, plan_id, title, description, translations, type, themes, lead_party_code,
         party_codes, planned_start_on, due_on, status, progress_percent, completed_on, notes, version,
         created_at, updated_at) FROM STDIN`,
      activityChunks(),
    );
    async function* partChunks() {
      for (let i = 0; i < parts.length; i += chunk)
        yield `${parts.slice(i, i + chunk).join('\n')}\n`;
    }
    await copyLines(
      pg,
      `COPY activity_parts (activity_id, party_code, status, progress_percent, note, completed_on,
         version, updated_at, updated_by, plan_id, due_on, is_lead) FROM STDIN`,
      partChunks(),
    );
    await pg.query('SET session_replication_role = DEFAULT');
    for (const index of dropped) await pg.query(index.def);
    await pg.query('VACUUM ANALYZE activities');
    await pg.query('VACUUM ANALYZE activity_parts');
    // The plans and agreements too: a table created a minute ago has no statistics until autovacuum
    // gets to it, and the portfolio's plan over 2,000 plans depends on them (a service's tables have
    // theirs).
    await pg.query('ANALYZE agreements, action_plans');
    loaded = upTo;
    log(
      `loaded activities ${from}…${upTo - 1} (+ ${parts.length} parts) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }

  return {
    sizes,
    createPlans,
    loadUpTo,
    get loaded() {
      return loaded;
    },
  };
}

module.exports = { createLoader, sizesAt, FULL };
