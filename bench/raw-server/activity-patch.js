'use strict';
/**
 * PATCH /api/activities/:id in the raw baseline, for the fields the bench sends: `version` (body or
 * If-Match), `progressPercent` and `notes`. Same rules as Accords (activity-changes.ts,
 * activity-updates.service.ts, activity-parts.store.ts applyJoint) for those fields: who may edit,
 * progress rules, optimistic version, refusal of a carried-over activity, the plan's share lock
 * against renewal, one history row per changed field, and the joint progress pushed to the parts.
 * Any other field answers 400: the baseline must not pretend to do work it does not do.
 */
const { canSeeAgreement, HttpError } = require('./auth');
const { todayIn, CLOSED } = require('./dates');

const SUPPORTED = new Set(['version', 'progressPercent', 'notes']);
const FOCAL_POINT_FIELDS = new Set(['status', 'progressPercent', 'notes']);

function expectedVersion(body, ifMatch) {
  let header;
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(ifMatch.trim());
    if (!match) throw new HttpError(400, 'Invalid input', 'If-Match: must be the activity version');
    header = Number(match[1]);
  }
  if (body.version !== undefined && header !== undefined && body.version !== header) {
    throw new HttpError(400, 'Invalid input', 'version: differs from the If-Match header');
  }
  const version = body.version ?? header;
  if (!Number.isInteger(version)) throw new HttpError(400, 'Invalid input', 'version: is required');
  return version;
}

function createActivityPatch({ pool, activities }) {
  return async function patch(actor, id, body, ifMatch) {
    const unsupported = Object.keys(body).filter((k) => !SUPPORTED.has(k));
    if (unsupported.length) {
      throw new HttpError(
        400,
        'Unsupported',
        `raw baseline: fields ${unsupported} not implemented`,
      );
    }
    const version = expectedVersion(body, ifMatch);
    if (
      body.progressPercent !== undefined &&
      !(
        Number.isInteger(body.progressPercent) &&
        body.progressPercent >= 0 &&
        body.progressPercent <= 100
      )
    ) {
      throw new HttpError(400, 'Invalid input', 'progressPercent: 0–100');
    }
    // The current values (for the rules and for history) with the plan's visibility, in one read.
    const { rows } = await pool.query({
      name: 'raw-patch-current',
      text: `SELECT a.plan_id, a.status, a.progress_percent, a.notes, a.lead_party_code, a.party_codes,
                    p.time_zone, ag.id AS agreement_id, ag.party_codes AS agreement_party_codes
               FROM activities a JOIN action_plans p ON p.id = a.plan_id
               JOIN agreements ag ON ag.id = p.agreement_id WHERE a.id = $1`,
      values: [id],
    });
    const current = rows[0];
    if (!current || !canSeeAgreement(actor, current.agreement_id, current.agreement_party_codes)) {
      throw new HttpError(404, 'Not found', `Activity ${id} was not found.`);
    }
    const manager = actor.role === 'admin' || actor.role === 'programme_manager';
    const takesPart =
      actor.role === 'focal_point' &&
      actor.partyCode !== null &&
      (current.lead_party_code === actor.partyCode ||
        current.party_codes.includes(actor.partyCode));
    if (!manager && !takesPart) throw new HttpError(403, 'Forbidden');
    if (!manager && Object.keys(body).some((k) => k !== 'version' && !FOCAL_POINT_FIELDS.has(k))) {
      throw new HttpError(403, 'Forbidden');
    }
    // progressProblem(): a completed activity stays at 100, a cancelled one keeps its progress.
    if (body.progressPercent !== undefined) {
      if (current.status === 'completed' && body.progressPercent !== 100) {
        throw new HttpError(
          400,
          'Invalid input',
          'progressPercent: a completed activity is at 100',
        );
      }
      if (current.status === 'cancelled' && body.progressPercent !== current.progress_percent) {
        throw new HttpError(400, 'Invalid input', 'progressPercent: reopen it first');
      }
    }
    const changes = [];
    if (body.progressPercent !== undefined && body.progressPercent !== current.progress_percent) {
      changes.push({
        field: 'progressPercent',
        from: current.progress_percent,
        to: body.progressPercent,
      });
    }
    if (body.notes !== undefined && body.notes !== current.notes) {
      changes.push({ field: 'notes', from: current.notes, to: body.notes });
    }
    const today = todayIn(current.time_zone);
    const now = new Date();

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query({
        name: 'raw-plan-share-lock',
        text: 'SELECT id FROM action_plans WHERE id = $1 FOR SHARE',
        values: [current.plan_id],
      });
      const progress =
        changes.find((c) => c.field === 'progressPercent')?.to ?? current.progress_percent;
      const notes = changes.find((c) => c.field === 'notes')?.to ?? current.notes;
      const updated = await client.query({
        name: 'raw-patch-update',
        text: `UPDATE activities a SET progress_percent = $3, notes = $4, version = version + 1,
                      updated_at = $5
                WHERE a.id = $1 AND a.version = $2
                  AND NOT EXISTS (SELECT 1 FROM activities c WHERE c.carried_over_from_id = a.id)
                RETURNING ${activities.ACTIVITY_COLUMNS}`,
        values: [id, version, progress, notes, now],
      });
      const row = updated.rows[0];
      if (!row) {
        // The rare path: say why nothing was updated (gone, carried over, or a stale version).
        const why = await client.query(
          `SELECT a.version, (SELECT c.id FROM activities c WHERE c.carried_over_from_id = a.id LIMIT 1) AS copy
             FROM activities a WHERE a.id = $1`,
          [id],
        );
        if (!why.rows[0]) throw new HttpError(404, 'Not found');
        throw new HttpError(409, 'Conflict', `current version ${why.rows[0].version}`);
      }
      let parts = (
        await client.query({
          name: 'raw-patch-parts',
          text: `SELECT party_code AS "partyCode", status, progress_percent AS "progressPercent", note,
                        completed_on AS "completedOn", version, updated_at AS "updatedAt"
                   FROM activity_parts WHERE activity_id = $1`,
          values: [id],
        })
      ).rows;
      if (changes.some((c) => c.field === 'progressPercent')) {
        parts = await applyJoint(client, row, parts, now, actor.id);
      }
      if (changes.length > 0) {
        await client.query({
          name: 'raw-patch-history',
          text: `INSERT INTO activity_history (activity_id, actor_id, actor_email, at, field, from_value, to_value, note)
                 SELECT $1, $2, $3, $4, c.field, c.from_value, c.to_value, NULL
                   FROM jsonb_to_recordset($5::jsonb) AS c(field varchar, from_value jsonb, to_value jsonb)`,
          values: [
            id,
            actor.id,
            actor.email,
            now,
            JSON.stringify(
              changes.map((c) => ({ field: c.field, from_value: c.from, to_value: c.to })),
            ),
          ],
        });
      }
      await client.query('COMMIT');
      const order = [row.leadPartyCode, ...row.partyCodes];
      parts.sort((x, y) => order.indexOf(x.partyCode) - order.indexOf(y.partyCode));
      return activities.activityView(row, today, parts);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
}

/**
 * applyJoint(): the activity's joint status/progress/completion reaches its open parts (or, when
 * none is open and the activity is open, the required ones; all if every part was cancelled).
 * Returns the parts as they are after the update.
 */
async function applyJoint(client, activity, parts, now, actorId) {
  const open = parts.filter((p) => !CLOSED.has(p.status));
  const required = parts.filter((p) => p.status !== 'cancelled');
  const targets =
    open.length > 0 || CLOSED.has(activity.status) ? open : required.length > 0 ? required : parts;
  const changed = targets.filter(
    (p) =>
      p.status !== activity.status ||
      p.progressPercent !== activity.progressPercent ||
      p.completedOn !== activity.completedOn,
  );
  if (changed.length === 0) return parts;
  const { rows } = await client.query({
    name: 'raw-patch-joint',
    text: `UPDATE activity_parts SET status = $3, progress_percent = $4, completed_on = $5,
                  version = version + 1, updated_at = $6, updated_by = $7
            WHERE activity_id = $1 AND party_code = ANY($2::varchar[])
            RETURNING party_code AS "partyCode", status, progress_percent AS "progressPercent", note,
                      completed_on AS "completedOn", version, updated_at AS "updatedAt"`,
    values: [
      activity.id,
      changed.map((p) => p.partyCode),
      activity.status,
      activity.progressPercent,
      activity.completedOn,
      now,
      actorId,
    ],
  });
  const after = new Map(rows.map((r) => [r.partyCode, r]));
  return parts.map((p) => after.get(p.partyCode) ?? p);
}

module.exports = { createActivityPatch };
