import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings of the joint follow-up committee that the MoU sets up, their decisions, and the baseline of
 * the plan taken when a meeting is held.
 *
 * The baseline is one row per activity (party_code NULL) and one per part (party_code set), copied at
 * the moment the meeting is held: what "changed since the last meeting" compares. Its activity_id has
 * no foreign key on purpose: an activity deleted after the meeting must stay in that meeting's
 * baseline, so that the next meeting reports it as removed. The title is copied for the same reason.
 */
export class CommitteeMeetings1795930000300 implements MigrationInterface {
  name = 'CommitteeMeetings1795930000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE committee_meetings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        held_on date NOT NULL,
        place varchar(300),
        participants jsonb NOT NULL DEFAULT '[]',
        status varchar(16) NOT NULL DEFAULT 'planned',
        baseline_taken_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_committee_meetings" PRIMARY KEY (id),
        CONSTRAINT "CHK_committee_meetings_status" CHECK (status IN ('planned', 'held'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_committee_meetings_plan" ON committee_meetings (plan_id, held_on)`,
    );
    // Nudges look for planned meetings of every plan in a window of dates.
    await q.query(
      `CREATE INDEX "IDX_committee_meetings_planned" ON committee_meetings (held_on)
        WHERE status = 'planned'`,
    );
    await q.query(`
      CREATE TABLE meeting_decisions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES committee_meetings (id) ON DELETE CASCADE,
        text text NOT NULL,
        translations jsonb NOT NULL DEFAULT '{}',
        activity_id uuid REFERENCES activities (id) ON DELETE SET NULL,
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_meeting_decisions" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX "IDX_meeting_decisions_meeting" ON meeting_decisions (meeting_id, position)`,
    );
    // ON DELETE SET NULL from activities scans this column.
    await q.query(
      `CREATE INDEX "IDX_meeting_decisions_activity" ON meeting_decisions (activity_id)
        WHERE activity_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE meeting_baselines (
        id bigint GENERATED ALWAYS AS IDENTITY,
        meeting_id uuid NOT NULL REFERENCES committee_meetings (id) ON DELETE CASCADE,
        activity_id uuid NOT NULL,
        party_code varchar(16),
        title varchar(500) NOT NULL,
        translations jsonb NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL,
        progress_percent smallint NOT NULL,
        due_on date,
        completed_on date,
        CONSTRAINT "PK_meeting_baselines" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_meeting_baselines_row"
         ON meeting_baselines (meeting_id, activity_id, coalesce(party_code, ''))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_baselines`);
    await q.query(`DROP TABLE meeting_decisions`);
    await q.query(`DROP TABLE committee_meetings`);
  }
}
