import { MigrationInterface, QueryRunner } from 'typeorm';

/** Frozen copies of src/evidence/evidence-kinds.ts as of this migration (a migration never changes). */
const EVIDENCE_KINDS = [
  'agenda',
  'attendance_list',
  'report',
  'photo',
  'legislation',
  'agreement_text',
  'court_decision',
  'awareness_material',
  'other',
];
const DEFAULT_EVIDENCE_REQUIREMENTS: Record<string, string[]> = {
  workshop: ['agenda', 'attendance_list'],
  study_visit: ['agenda', 'report'],
  legal_exchange: ['legislation'],
  capacity_building: ['attendance_list'],
  awareness: ['awareness_material'],
  meeting: ['attendance_list'],
};
const KINDS = EVIDENCE_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * Evidence that an activity (or one party's part of it) took place, and the evidence each activity
 * type requires before a part may be marked completed, seeded with the defaults documented in
 * src/evidence/evidence-kinds.ts. The bytes are in stored_files: when an evidence row goes (deleted, or
 * with its activity), a trigger removes its file in the same transaction, so no orphan is left behind
 * whichever way the row was deleted.
 */
export class Evidence1795930000210 implements MigrationInterface {
  name = 'Evidence1795930000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_evidence (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        party_code varchar(16) REFERENCES parties (code) ON UPDATE CASCADE,
        kind varchar(32) NOT NULL,
        file_name varchar(255) NOT NULL,
        media_type varchar(255) NOT NULL,
        size_bytes int NOT NULL,
        sha256 char(64) NOT NULL,
        file_id uuid NOT NULL REFERENCES stored_files (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "PK_activity_evidence" PRIMARY KEY (id),
        CONSTRAINT "UQ_activity_evidence_file" UNIQUE (file_id),
        CONSTRAINT "CHK_activity_evidence_kind" CHECK (kind IN (${KINDS}))
      )`);
    await q.query(
      `CREATE INDEX "IDX_activity_evidence_activity" ON activity_evidence (activity_id, party_code)`,
    );
    await q.query(`
      CREATE FUNCTION activity_evidence_drop_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM stored_files WHERE id = OLD.file_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_activity_evidence_drop_file" AFTER DELETE ON activity_evidence
        FOR EACH ROW EXECUTE FUNCTION activity_evidence_drop_file()`);

    await q.query(`
      CREATE TABLE evidence_requirements (
        activity_type varchar(32) NOT NULL,
        kind varchar(32) NOT NULL,
        CONSTRAINT "PK_evidence_requirements" PRIMARY KEY (activity_type, kind),
        CONSTRAINT "CHK_evidence_requirements_kind" CHECK (kind IN (${KINDS}))
      )`);
    const rows = Object.entries(DEFAULT_EVIDENCE_REQUIREMENTS).flatMap(([type, kinds]) =>
      kinds.map((kind) => [type, kind]),
    );
    for (const [type, kind] of rows) {
      await q.query(`INSERT INTO evidence_requirements (activity_type, kind) VALUES ($1, $2)`, [
        type,
        kind,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_requirements`);
    // DROP TABLE fires no trigger: delete the rows first, so that their files go with them.
    await q.query(`DELETE FROM activity_evidence`);
    await q.query(`DROP TABLE activity_evidence`);
    await q.query(`DROP FUNCTION activity_evidence_drop_file()`);
  }
}
