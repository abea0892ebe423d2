import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep's planned-through marks (src/reminders/planned-through.ts): per subject and rule kind, the
 * last reminder key planned, for which parties and under which audience and rules. A steady-state sweep
 * skips the candidates whose mark still matches instead of rebuilding and re-inserting every delivery
 * that is due (issue 11: 47,845 no-op rows a minute at 1M activities). Cancelled deliveries get a small
 * partial index: a candidate with one is offered again, so a reopened activity is reminded as before.
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
        party_codes text[] NOT NULL,
        stamp varchar(64) NOT NULL,
        planned_at timestamptz NOT NULL,
        PRIMARY KEY (subject_type, subject_id, rule_kind)
      )`);
    await q.query(`
      CREATE INDEX "IDX_notifications_cancelled" ON notifications (subject_id, rule, due_on)
        WHERE status = 'cancelled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_notifications_cancelled"`);
    await q.query(`DROP TABLE reminder_marks`);
  }
}
