'use strict';
/**
 * Activities in the raw baseline: one activity, a plan's list, a PATCH and the CSV export. The SQL
 * reads what Accords reads (same tables, columns, filters, order) in as few statements as a careful
 * hand-written service would send: visibility joined to the read it guards, parts folded into the
 * activity rows, UPDATE … RETURNING instead of a re-read. The JSON is built in Accords' key order
 * (activity-view.ts, part-view.ts) so that the bench can compare bodies byte for byte.
 */
const { stringify } = require('csv-stringify/sync');
const { canSeeAgreement, HttpError, scopeCondition } = require('./auth');
const { todayIn, isOverdue, CLOSED } = require('./dates');

const ACTIVITY_COLUMNS = `a.id, a.plan_id AS "planId", a.title, a.description, a.translations, a.type,
  a.themes, a.lead_party_code AS "leadPartyCode", a.party_codes AS "partyCodes",
  a.planned_start_on AS "plannedStartOn", a.due_on AS "dueOn", a.status,
  a.progress_percent AS "progressPercent", a.completed_on AS "completedOn", a.notes,
  a.carried_over_from_id AS "carriedOverFromId", a.version, a.created_at AS "createdAt",
  a.updated_at AS "updatedAt"`;

// JS Date's toJSON format, so that timestamps inside json_agg read like the top-level ones.
const ISO = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The activity's parts as JSON, lead party first then in the activity's order of parties. */
const PARTS_JSON = `(SELECT coalesce(json_agg(json_build_object(
    'partyCode', ap.party_code, 'status', ap.status, 'progressPercent', ap.progress_percent,
    'note', ap.note, 'completedOn', ap.completed_on, 'version', ap.version,
    'updatedAt', ${ISO('ap.updated_at')})
    ORDER BY array_position(array_prepend(a.lead_party_code, a.party_codes), ap.party_code)), '[]')
  FROM activity_parts ap WHERE ap.activity_id = a.id) AS parts`;

const FIELDS = [
  'id',
  'planId',
  'title',
  'description',
  'translations',
  'type',
  'themes',
  'leadPartyCode',
  'partyCodes',
  'plannedStartOn',
  'dueOn',
  'status',
  'progressPercent',
  'completedOn',
  'notes',
  'carriedOverFromId',
  'version',
  'createdAt',
  'updatedAt',
];

/** activity-view.ts toActivityView: the entity's fields, `overdue`, then the parts with theirs. */
function activityView(row, today, parts) {
  const view = {};
  for (const field of FIELDS) view[field] = row[field];
  view.overdue = isOverdue(row.status, row.dueOn, today);
  view.parts = parts.map((p) => ({
    partyCode: p.partyCode,
    status: p.status,
    progressPercent: p.progressPercent,
    note: p.note,
    completedOn: p.completedOn,
    version: p.version,
    updatedAt: p.updatedAt,
    overdue: isOverdue(p.status, row.dueOn, today),
  }));
  return view;
}

const notFound = (what, id) => new HttpError(404, 'Not found', `${what} ${id} was not found.`);

function createActivities({ pool }) {
  /** The plan if the actor may read its agreement (ActionPlansService.findVisible). */
  async function visiblePlan(actor, planId) {
    const { rows } = await pool.query({
      name: 'raw-plan',
      text: `SELECT p.title, p.time_zone, p.agreement_id, ag.party_codes AS agreement_party_codes
               FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id WHERE p.id = $1`,
      values: [planId],
    });
    const plan = rows[0];
    if (!plan || !canSeeAgreement(actor, plan.agreement_id, plan.agreement_party_codes)) {
      throw notFound('Action plan', planId);
    }
    return plan;
  }

  /** GET /api/activities/:id: the activity, its plan's visibility and its parts, one statement. */
  async function get(actor, id) {
    const { rows } = await pool.query({
      name: 'raw-activity',
      text: `SELECT ${ACTIVITY_COLUMNS}, p.time_zone, ag.id AS agreement_id,
                    ag.party_codes AS agreement_party_codes, ${PARTS_JSON}
               FROM activities a JOIN action_plans p ON p.id = a.plan_id
               JOIN agreements ag ON ag.id = p.agreement_id
              WHERE a.id = $1`,
      values: [id],
    });
    const row = rows[0];
    if (!row || !canSeeAgreement(actor, row.agreement_id, row.agreement_party_codes)) {
      throw notFound('Activity', id);
    }
    return activityView(row, todayIn(row.time_zone), row.parts);
  }

  /**
   * The list's WHERE clause for the filters the bench uses (plan, overdue); others are refused
   * rather than silently ignored, so a new route in the table cannot compare against wrong SQL.
   */
  function listFilter(planId, query, today) {
    const unsupported = Object.keys(query).filter(
      (k) => !['page', 'pageSize', 'overdue'].includes(k),
    );
    if (unsupported.length) {
      throw new HttpError(
        400,
        'Unsupported',
        `raw baseline: filters ${unsupported} not implemented`,
      );
    }
    const params = [planId];
    let where = 'a.plan_id = $1';
    if (query.overdue === 'true') {
      params.push(today);
      where += ` AND a.status IN ('planned', 'in_progress', 'postponed') AND a.due_on < $2`;
    } else if (query.overdue === 'false') {
      params.push(today);
      where += ` AND (a.due_on >= $2 OR a.status NOT IN ('planned', 'in_progress', 'postponed'))`;
    }
    return { where, params };
  }

  /** GET /api/action-plans/:id/activities: count, then the page with its parts. */
  async function list(actor, planId, query) {
    const plan = await visiblePlan(actor, planId);
    const today = todayIn(plan.time_zone);
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    if (!(Number.isInteger(page) && page >= 1 && Number.isInteger(pageSize) && pageSize >= 1)) {
      throw new HttpError(400, 'Invalid input', 'page and pageSize are positive integers');
    }
    const { where, params } = listFilter(planId, query, today);
    const count = await pool.query(
      `SELECT count(*)::int AS n FROM activities a WHERE ${where}`,
      params,
    );
    const { rows } = await pool.query(
      `SELECT ${ACTIVITY_COLUMNS}, ${PARTS_JSON} FROM activities a WHERE ${where}
        ORDER BY a.due_on, a.title, a.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map((row) => activityView(row, today, row.parts)),
      total: count.rows[0].n,
      page,
      pageSize,
    };
  }

  return { visiblePlan, get, list, listFilter, activityView, ACTIVITY_COLUMNS, PARTS_JSON };
}

// ---------------------------------------------------------------------------------------------
// CSV export (exports/csv/activities-csv.ts, export-table.ts: activity-table.ts toExportRow, then
// activities/parts/part-columns.ts partCells)

const EXPORT_COLUMNS = [
  'title',
  'description',
  'type',
  'themes',
  'leadPartyCode',
  'partyCodes',
  'plannedStartOn',
  'dueOn',
  'status',
  'progressPercent',
  'completedOn',
  'notes',
  'title_fr',
  'title_en',
  'title_ar',
  'description_fr',
  'description_en',
  'description_ar',
  'id',
  'version',
  'overdue',
];
/**
 * activities/parts/part-columns.ts: after the activity's own columns, five per party with a part on
 * any exported activity, parties in alphabetical order, empty cells where the party is not on the row.
 */
const PART_FIELDS = ['status', 'progress', 'completedOn', 'overdue', 'note'];
const FORMULA_START = /^[=+\-@\t\r]/;
const MAX_EXPORT_ROWS = 10_000;

/** part-columns.ts partPartyCodes + partColumnsFor. */
function partColumns(rows) {
  const codes = [...new Set(rows.flatMap((r) => r.parts.map((p) => p.partyCode)))].sort();
  return {
    codes,
    columns: codes.flatMap((code) => PART_FIELDS.map((field) => `part_${code}_${field}`)),
  };
}

/** part-columns.ts partCells, in column order. */
function partValues(row, codes, today) {
  return codes.flatMap((code) => {
    const part = row.parts.find((p) => p.partyCode === code);
    if (!part) return PART_FIELDS.map(() => '');
    return [
      part.status,
      part.progressPercent,
      part.completedOn ?? '',
      isOverdue(part.status, row.dueOn, today),
      part.note ?? '',
    ];
  });
}

function exportCells(row, today, codes) {
  const t = row.translations ?? {};
  const values = [
    row.title,
    row.description ?? '',
    row.type,
    row.themes.join(';'),
    row.leadPartyCode,
    row.partyCodes.join(';'),
    row.plannedStartOn ?? '',
    row.dueOn,
    row.status,
    row.progressPercent,
    row.completedOn ?? '',
    row.notes ?? '',
    t.fr?.title ?? '',
    t.en?.title ?? '',
    t.ar?.title ?? '',
    t.fr?.description ?? '',
    t.en?.description ?? '',
    t.ar?.description ?? '',
    row.id,
    row.version,
    isOverdue(row.status, row.dueOn, today),
    ...partValues(row, codes, today),
  ];
  return values.map((v) =>
    typeof v !== 'string' ? String(v) : FORMULA_START.test(v) ? `'${v}` : v,
  );
}

/** file-names.ts attachmentDisposition. */
function disposition(planTitle, what, today, extension) {
  const slug = planTitle
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `attachment; filename="${[slug || 'plan', what, today].join('-')}.${extension}"`;
}

function createCsvExport({ pool, activities }) {
  /** GET /api/action-plans/:id/activities.csv: every row with its parts, in one statement. */
  return async function csv(actor, planId, query) {
    const plan = await activities.visiblePlan(actor, planId);
    const today = todayIn(plan.time_zone);
    const { where, params } = activities.listFilter(planId, query, today);
    const { rows } = await pool.query(
      `SELECT ${activities.ACTIVITY_COLUMNS}, ${activities.PARTS_JSON} FROM activities a WHERE ${where}
        ORDER BY a.due_on, a.title, a.id LIMIT ${MAX_EXPORT_ROWS + 1}`,
      params,
    );
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new HttpError(
        400,
        'Invalid input',
        `narrow the filters to ${MAX_EXPORT_ROWS} or fewer`,
      );
    }
    const parts = partColumns(rows);
    const text = stringify(
      rows.map((row) => exportCells(row, today, parts.codes)),
      {
        header: true,
        columns: [...EXPORT_COLUMNS, ...parts.columns],
        bom: true,
        record_delimiter: 'windows',
      },
    );
    return {
      body: Buffer.from(text, 'utf8'),
      disposition: disposition(plan.title, 'activities', today, 'csv'),
    };
  };
}

module.exports = { createActivities, createCsvExport, activityView, CLOSED };
