import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders: the rule set, notification rows (one per delivery, unique on its key), preferences,
 * webhook subscriptions; and the agreement's computed term stored so sweeps can range-scan it.
 */
export class Reminders1795890000000 implements MigrationInterface {
  name = 'Reminders1795890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE agreements ADD COLUMN expires_on date, ADD COLUMN notice_deadline_on date`,
    );
    // Backfill with the same rule as agreement-terms.ts: the day before the corresponding day
    // N months later, or the last day of the target month when that day does not exist there
    // (PostgreSQL's month arithmetic clamps to the month end in exactly that case).
    await q.query(`
      UPDATE agreements SET expires_on = CASE
        WHEN extract(day FROM entry_into_force_on + make_interval(months => duration_months + extended_months))
             < extract(day FROM entry_into_force_on)
        THEN (entry_into_force_on + make_interval(months => duration_months + extended_months))::date
        ELSE (entry_into_force_on + make_interval(months => duration_months + extended_months))::date - 1
      END`);
    await q.query(`
      UPDATE agreements SET notice_deadline_on = CASE
        WHEN renewal_mode = 'none' OR notice_days IS NULL THEN NULL ELSE expires_on - notice_days END`);
    await q.query(`ALTER TABLE agreements ALTER COLUMN expires_on SET NOT NULL`);
    await q.query(`CREATE INDEX "IDX_agreements_expires_on" ON agreements (expires_on)`);
    await q.query(
      `CREATE INDEX "IDX_agreements_notice_deadline_on" ON agreements (notice_deadline_on)`,
    );

    // Reminders skip activities that a plan renewal carried over (NOT EXISTS on this column).
    await q.query(
      `CREATE INDEX "IDX_activities_carried_over_from" ON activities (carried_over_from_id)
       WHERE carried_over_from_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE reminder_settings (
        id int PRIMARY KEY CHECK (id = 1),
        rules jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type varchar(16) NOT NULL,
        subject_id uuid NOT NULL,
        rule varchar(64) NOT NULL,
        rule_kind varchar(32) NOT NULL,
        due_on date NOT NULL,
        recipient_type varchar(16) NOT NULL CHECK (recipient_type IN ('user', 'webhook')),
        recipient_id uuid NOT NULL,
        recipient_address varchar(2048) NOT NULL,
        channel varchar(16) NOT NULL CHECK (channel IN ('email', 'webhook')),
        escalated boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        not_before timestamptz NOT NULL,
        locked_until timestamptz,
        enqueued_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT "UQ_notifications_key"
          UNIQUE (subject_type, subject_id, rule, due_on, recipient_id, channel)
      )`);
    // The sweep's re-enqueue pass reads only pending rows.
    await q.query(
      `CREATE INDEX "IDX_notifications_pending" ON notifications (enqueued_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "IDX_notifications_recipient" ON notifications (recipient_id, created_at)`,
    );
    await q.query(
      `CREATE INDEX "IDX_notifications_subject" ON notifications (subject_id, created_at)`,
    );
    await q.query(`CREATE INDEX "IDX_notifications_created" ON notifications (created_at)`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        rule_kind varchar(32) NOT NULL,
        channel varchar(16) NOT NULL,
        enabled boolean NOT NULL,
        PRIMARY KEY (user_id, rule_kind, channel)
      )`);
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url varchar(2048) NOT NULL,
        events varchar[] NOT NULL,
        secret varchar(128) NOT NULL,
        description varchar(500),
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_subscriptions`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
    await q.query(`DROP TABLE IF EXISTS reminder_settings`);
    await q.query(`DROP INDEX IF EXISTS "IDX_activities_carried_over_from"`);
    await q.query(`ALTER TABLE agreements DROP COLUMN notice_deadline_on, DROP COLUMN expires_on`);
  }
}
