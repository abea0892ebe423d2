import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee pack: one PDF per meeting, printed by the worker, and the two languages each plan
 * prints its packs in.
 *
 * `meeting_packs` holds one row per meeting (the latest pack; preparing it again replaces it). Its
 * `request_no` grows with each request and names the BullMQ job, so a job left over from an earlier
 * request can never overwrite a newer pack. The PDF itself is a `stored_files` row (FileStore).
 */
export class MeetingPacks1795930000500 implements MigrationInterface {
  name = 'MeetingPacks1795930000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE action_plans
        ADD COLUMN pack_languages varchar(2)[] NOT NULL DEFAULT '{fr,en}',
        ADD CONSTRAINT "CHK_action_plans_pack_languages" CHECK (
          cardinality(pack_languages) = 2
          AND pack_languages <@ ARRAY['fr', 'en', 'ar']::varchar(2)[]
          AND pack_languages[1] <> pack_languages[2])`);
    await q.query(`
      CREATE TABLE meeting_packs (
        meeting_id uuid NOT NULL REFERENCES committee_meetings (id) ON DELETE CASCADE,
        status varchar(16) NOT NULL,
        request_no int NOT NULL DEFAULT 1,
        file_id uuid REFERENCES stored_files (id) ON DELETE SET NULL,
        languages varchar(2)[] NOT NULL,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL,
        generated_at timestamptz,
        error text,
        CONSTRAINT "PK_meeting_packs" PRIMARY KEY (meeting_id),
        CONSTRAINT "CHK_meeting_packs_status" CHECK (status IN ('queued', 'ready', 'failed'))
      )`);
    // A pack goes with its meeting (or plan, or agreement) by cascade, which no service sees: its PDF
    // must go too, as evidence files do.
    await q.query(`
      CREATE FUNCTION meeting_packs_drop_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.file_id IS NOT NULL THEN
          DELETE FROM stored_files WHERE id = OLD.file_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_meeting_packs_drop_file" AFTER DELETE ON meeting_packs
        FOR EACH ROW EXECUTE FUNCTION meeting_packs_drop_file()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const files: { file_id: string }[] = await q.query(
      `SELECT file_id FROM meeting_packs WHERE file_id IS NOT NULL`,
    );
    await q.query(`DROP TABLE meeting_packs`);
    await q.query(`DROP FUNCTION meeting_packs_drop_file()`);
    // The PDFs go with their table: nothing else refers to them.
    if (files.length > 0) {
      await q.query(`DELETE FROM stored_files WHERE id = ANY($1::uuid[])`, [
        files.map((f) => f.file_id),
      ]);
    }
    await q.query(
      `ALTER TABLE action_plans DROP CONSTRAINT "CHK_action_plans_pack_languages", DROP COLUMN pack_languages`,
    );
  }
}
