/**
 * The plan's state as baseline rows: each activity (party_code NULL) and each of its parts, in one
 * statement so that it reads one snapshot of the plan. Parameter $1 is the plan. Dates as text: a
 * calendar date is a string here, never a JS Date.
 */
export const PLAN_STATE_SQL = `
  SELECT a.id AS activity_id, NULL::varchar AS party_code, a.title, a.translations, a.status,
         a.progress_percent, a.due_on, a.completed_on
    FROM activities a
   WHERE a.plan_id = $1
  UNION ALL
  SELECT ap.activity_id, ap.party_code, a.title, a.translations, ap.status,
         ap.progress_percent, NULL::date, ap.completed_on
    FROM activity_parts ap
    JOIN activities a ON a.id = ap.activity_id
   WHERE a.plan_id = $1`;

/** Reads rows shaped like PLAN_STATE_SQL's (or meeting_baselines') as BaselineEntry fields. */
export const ENTRY_COLUMNS = `
  activity_id AS "activityId", party_code AS "partyCode", title, translations, status,
  progress_percent AS "progressPercent", due_on::text AS "dueOn", completed_on::text AS "completedOn"`;
