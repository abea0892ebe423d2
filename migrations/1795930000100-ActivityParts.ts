import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each party's part of an activity: one row per (activity, party) with its own status, progress, note,
 * completion date and optimistic-lock version. Every existing activity gets one part per party on it,
 * each with the activity's current status, progress and completion date, so the joint status rolled up
 * from the parts is exactly the status the activity had (nothing is lost, nothing changes meaning).
 * The activity keeps its status and progress columns: they are the roll-up, stored for filters, sorting
 * and every reader (exports, IATI, reminders) that has not moved to parts yet.
 */
export class ActivityParts1795930000100 implements MigrationInterface {
  name = 'ActivityParts1795930000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_parts (
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        party_code varchar(16) NOT NULL REFERENCES parties (code) ON UPDATE CASCADE,
        status varchar(16) NOT NULL DEFAULT 'planned',
        progress_percent smallint NOT NULL DEFAULT 0,
        note text,
        completed_on date,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "PK_activity_parts" PRIMARY KEY (activity_id, party_code),
        CONSTRAINT "CHK_activity_parts_status"
          CHECK (status IN ('planned', 'in_progress', 'completed', 'postponed', 'cancelled')),
        CONSTRAINT "CHK_activity_parts_progress" CHECK (progress_percent BETWEEN 0 AND 100)
      )`);
    // "Parts of my party" for per-country figures and reminders.
    await q.query(`CREATE INDEX "IDX_activity_parts_party" ON activity_parts (party_code, status)`);
    await q.query(`
      INSERT INTO activity_parts (activity_id, party_code, status, progress_percent, completed_on, updated_at)
      SELECT DISTINCT a.id, p.code, a.status, a.progress_percent, a.completed_on, a.updated_at
        FROM activities a
        CROSS JOIN LATERAL unnest(array_append(a.party_codes, a.lead_party_code)) AS p(code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The activities kept their (rolled-up) status and progress, so dropping the parts loses only the
    // per-party detail recorded since.
    await q.query(`DROP TABLE activity_parts`);
  }
}
