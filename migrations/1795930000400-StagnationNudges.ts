import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stagnation nudges. The saved reminder rule set (if any) gets the default nudge settings (21 and 7
 * days before a meeting, silent after 30 days), so that what the API shows is what the sweep applies.
 * The partial index serves "open parts of these activities not updated since …": the sweep reads the
 * parts of a plan's activities, and closed parts (most of them, over a plan's life) are not in it.
 */
export class StagnationNudges1795930000400 implements MigrationInterface {
  name = 'StagnationNudges1795930000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE reminder_settings
         SET rules = rules || '{"stagnation": {"daysBeforeMeeting": [21, 7], "silentAfterDays": 30}}'::jsonb
       WHERE NOT rules ? 'stagnation'`);
    await q.query(`
      CREATE INDEX "IDX_activity_parts_open_updated" ON activity_parts (activity_id, updated_at)
       WHERE status NOT IN ('completed', 'cancelled')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_activity_parts_open_updated"`);
    await q.query(`UPDATE reminder_settings SET rules = rules - 'stagnation'`);
  }
}
