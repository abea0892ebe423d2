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
// CSV export (exports/csv/activities-csv.ts cellRowsToCsv over activities/activity-export-sql.ts): the
// cells come out of the statement as text; five part cells per party with a part on any row.

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
const PART_FIELDS = ['status', 'progress', 'completedOn', 'overdue', 'note'];
const NO_PART = PART_FIELDS.map(() => '');
const FORMULA_START = /^[=+\-@\t\r]/;
const MAX_EXPORT_ROWS = 10_000;
const OPEN = `IN ('planned', 'in_progress', 'postponed')`;

/** activity-export-sql.ts exportCellsSql, written out (`today` is `$2::date`). */
const EXPORT_CELLS = `a.title, coalesce(a.description, ''), a.type, array_to_string(a.themes, ';'), a.lead_party_code, array_to_string(a.party_codes, ';'), coalesce(to_char(a.planned_start_on, 'YYYY-MM-DD'), ''), to_char(a.due_on, 'YYYY-MM-DD'), a.status, a.progress_percent::text, coalesce(to_char(a.completed_on, 'YYYY-MM-DD'), ''), coalesce(a.notes, ''), ${['title', 'description'].flatMap((f) => ['fr', 'en', 'ar'].map((l) => `coalesce(a.translations->'${l}'->>'${f}', '')`)).join(', ')}, a.id::text, a.version::text, CASE WHEN a.status ${OPEN} AND a.due_on < $2::date THEN 'true' ELSE 'false' END,
    (SELECT coalesce(json_object_agg(ap.party_code, json_build_array(ap.status, ap.progress_percent::text, coalesce(to_char(ap.completed_on, 'YYYY-MM-DD'), ''), CASE WHEN ap.status ${OPEN} AND a.due_on < $2::date THEN 'true' ELSE 'false' END, coalesce(ap.note, ''))), '{}')
       FROM activity_parts ap WHERE ap.activity_id = a.id) AS parts`;

const safe = (text) => (FORMULA_START.test(text) ? `'${text}` : text);

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
  /** The export's one read (ActivityQueries.exportCellsForPlan; the bench exports unfiltered). */
  async function cellRows(planId, today) {
    const { rows } = await pool.query({
      name: 'raw-export-cells',
      text: `SELECT ${EXPORT_CELLS} FROM activities a WHERE a.plan_id = $1
        ORDER BY a.due_on, a.title, a.id LIMIT $3`,
      values: [planId, today, MAX_EXPORT_ROWS + 1],
      rowMode: 'array',
    });
    return rows;
  }

  /** GET /api/action-plans/:id/activities.csv: every row with its parts, in one statement. */
  async function csv(actor, planId, query) {
    if (Object.keys(query).length > 0) {
      throw new HttpError(400, 'Unsupported', 'raw baseline: export filters not implemented');
    }
    const plan = await activities.visiblePlan(actor, planId);
    const today = todayIn(plan.time_zone);
    const rows = await cellRows(planId, today);
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new HttpError(
        400,
        'Invalid input',
        `narrow the filters to ${MAX_EXPORT_ROWS} or fewer`,
      );
    }
    const codes = new Set();
    for (const row of rows) for (const code in row[row.length - 1]) codes.add(code);
    const partyCodes = [...codes].sort();
    const records = rows.map((row) => {
      const parts = row[row.length - 1];
      const record = row.slice(0, EXPORT_COLUMNS.length).map(safe);
      for (const code of partyCodes)
        for (const cell of parts[code] ?? NO_PART) record.push(safe(cell));
      return record;
    });
    const text = stringify(records, {
      header: true,
      columns: [
        ...EXPORT_COLUMNS,
        ...partyCodes.flatMap((code) => PART_FIELDS.map((field) => `part_${code}_${field}`)),
      ],
      bom: true,
      record_delimiter: 'windows',
    });
    return { body: text, disposition: disposition(plan.title, 'activities', today, 'csv') };
  }
  return Object.assign(csv, { cellRows });
}

module.exports = { createActivities, createCsvExport, activityView, CLOSED };
