import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep's planned-through marks (src/reminders/planned-through.ts): per subject and rule kind, the
 * last reminder key planned and under which audience and rules. A steady-state sweep skips the
 * candidates whose mark still matches instead of rebuilding and re-inserting every delivery that is
 * due (issue 11: 47,845 no-op rows a minute at 1M activities).
 *
 * Which focal points hear of an activity depends on which of its parts are open. Rather than reading
 * the parts of every candidate at every sweep, a change to them (a part added, removed, its status or
 * party changed, the activity's parties edited) forgets the activity's marks, whatever code path makes
 * it: the next sweep plans the activity again for its parties as they are then.
 *
 * Cancelled deliveries get a small partial index: a candidate with one is offered again, so a reopened
 * activity or a date moved back is reminded as before.
 */
export class ReminderMarks1795950000000 implements MigrationInterface {
  name = 'ReminderMarks1795950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_marks (
        subject_type varchar(16) NOT NULL,
        subject_id uuid NOT NULL,
        rule_kind varchar(32) NOT NULL,
        rule varchar(64) NOT NULL,
        due_on date NOT NULL,
        stamp varchar(64) NOT NULL,
        planned_at timestamptz NOT NULL,
        PRIMARY KEY (subject_type, subject_id, rule_kind)
      )`);
    await q.query(`
      CREATE INDEX "IDX_notifications_cancelled" ON notifications (subject_id, rule, due_on)
        WHERE status = 'cancelled'`);
    await q.query(`
      CREATE FUNCTION reminder_marks_forget_part_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM reminder_marks
         WHERE subject_type = 'activity'
           AND subject_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.activity_id ELSE NEW.activity_id END;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_activity_parts_added_removed" AFTER INSERT OR DELETE ON activity_parts
        FOR EACH ROW EXECUTE FUNCTION reminder_marks_forget_part_activity()`);
    await q.query(`
      CREATE TRIGGER "TRG_activity_parts_status" AFTER UPDATE OF status, party_code ON activity_parts
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.party_code IS DISTINCT FROM NEW.party_code)
        EXECUTE FUNCTION reminder_marks_forget_part_activity()`);
    await q.query(`
      CREATE FUNCTION reminder_marks_forget_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM reminder_marks WHERE subject_type = 'activity' AND subject_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_activities_parties" AFTER UPDATE OF party_codes ON activities
        FOR EACH ROW WHEN (OLD.party_codes IS DISTINCT FROM NEW.party_codes)
        EXECUTE FUNCTION reminder_marks_forget_activity()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_activities_parties" ON activities`);
    await q.query(`DROP FUNCTION reminder_marks_forget_activity()`);
    await q.query(`DROP TRIGGER "TRG_activity_parts_status" ON activity_parts`);
    await q.query(`DROP TRIGGER "TRG_activity_parts_added_removed" ON activity_parts`);
    await q.query(`DROP FUNCTION reminder_marks_forget_part_activity()`);
    await q.query(`DROP INDEX "IDX_notifications_cancelled"`);
    await q.query(`DROP TABLE reminder_marks`);
  }
}
