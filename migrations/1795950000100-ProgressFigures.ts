import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress of one plan (GET /api/action-plans/:id/progress) without reading the plan's rows one by one.
 *
 * Per party it counts the plan's parts, each against its activity's due date and lead party. The parts
 * of a plan lie scattered over activity_parts (their key is the activity's random id), so the join read
 * ~5,000 heap pages for a plan of 5,000 activities and sorted 10,000 joined rows (EXPLAIN ANALYZE at 1M
 * activities: 28 ms CPU warm, 0.5–1.5 s cold). Each part now carries a copy of what the figures read of
 * its activity — plan_id, due_on, and whether its party leads the activity (is_lead) — and one index
 * keeps a plan's parts together, by party and status, with those copies: the per-party figures are an
 * index-only range read in index order (1.6 ms).
 *
 * The copies are kept in step by triggers, whoever writes (the app's part and activity writers, the
 * import, renewal, a party code renamed by cascade): a part takes its activity's values when it is
 * inserted or moved to another activity or party; an activity passes a new plan, due date or lead to
 * its parts. A bulk load that switches triggers off (session_replication_role = replica, as the
 * bench's loader does) must write the three columns itself: NOT NULL stops one that forgets.
 *
 * Per activity, the totals, status, type and theme figures read one index in (plan_id, themes, type,
 * status) order with the due date and progress: a streaming group per (themes, type, status), then the
 * few groups are rolled up (progress.service.ts), instead of four statements over the plan's rows.
 */
export class ProgressFigures1795950000100 implements MigrationInterface {
  name = 'ProgressFigures1795950000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE activity_parts
        ADD COLUMN plan_id uuid,
        ADD COLUMN due_on date,
        ADD COLUMN is_lead boolean`);
    // Backfill: one pass over the parts (about a minute per million parts).
    await q.query(`
      UPDATE activity_parts ap
         SET plan_id = a.plan_id, due_on = a.due_on, is_lead = (a.lead_party_code = ap.party_code)
        FROM activities a
       WHERE a.id = ap.activity_id`);
    await q.query(`
      ALTER TABLE activity_parts
        ALTER COLUMN plan_id SET NOT NULL,
        ALTER COLUMN due_on SET NOT NULL,
        ALTER COLUMN is_lead SET NOT NULL`);
    await q.query(`
      COMMENT ON COLUMN activity_parts.plan_id IS 'copy of activities.plan_id (trigger-kept)';
      COMMENT ON COLUMN activity_parts.due_on IS 'copy of activities.due_on (trigger-kept)';
      COMMENT ON COLUMN activity_parts.is_lead IS
        'party_code = activities.lead_party_code (trigger-kept)'`);

    await q.query(`
      CREATE FUNCTION activity_parts_copy_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT a.plan_id, a.due_on, a.lead_party_code = NEW.party_code
          INTO NEW.plan_id, NEW.due_on, NEW.is_lead
          FROM activities a WHERE a.id = NEW.activity_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_activity_parts_copy_activity"
        BEFORE INSERT OR UPDATE OF activity_id, party_code ON activity_parts
        FOR EACH ROW EXECUTE FUNCTION activity_parts_copy_activity()`);
    await q.query(`
      CREATE FUNCTION activities_copy_to_parts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE activity_parts ap
           SET plan_id = NEW.plan_id, due_on = NEW.due_on,
               is_lead = (ap.party_code = NEW.lead_party_code)
         WHERE ap.activity_id = NEW.id
           AND (ap.plan_id, ap.due_on, ap.is_lead)
               IS DISTINCT FROM (NEW.plan_id, NEW.due_on, ap.party_code = NEW.lead_party_code);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_activities_copy_to_parts"
        AFTER UPDATE OF plan_id, due_on, lead_party_code ON activities
        FOR EACH ROW
        WHEN (OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.due_on IS DISTINCT FROM NEW.due_on
              OR OLD.lead_party_code IS DISTINCT FROM NEW.lead_party_code)
        EXECUTE FUNCTION activities_copy_to_parts()`);

    await q.query(`
      CREATE INDEX "IDX_activity_parts_plan_figures" ON activity_parts (plan_id, party_code, status)
        INCLUDE (is_lead, due_on, progress_percent)`);
    await q.query(`
      CREATE INDEX "IDX_activities_plan_breakdown" ON activities (plan_id, themes, type, status)
        INCLUDE (due_on, progress_percent)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_activities_plan_breakdown"`);
    await q.query(`DROP INDEX "IDX_activity_parts_plan_figures"`);
    await q.query(`DROP TRIGGER "TRG_activities_copy_to_parts" ON activities`);
    await q.query(`DROP FUNCTION activities_copy_to_parts()`);
    await q.query(`DROP TRIGGER "TRG_activity_parts_copy_activity" ON activity_parts`);
    await q.query(`DROP FUNCTION activity_parts_copy_activity()`);
    await q.query(
      `ALTER TABLE activity_parts DROP COLUMN plan_id, DROP COLUMN due_on, DROP COLUMN is_lead`,
    );
  }
}
