import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored files (evidence, generated packs) live in PostgreSQL by default: one table that every api
 * instance and the worker share and that `pg_dump` backs up. The SHA-256 is the store's own, computed
 * on write. Content is not TOAST-compressed (EXTERNAL): PDFs, images and office files are already
 * compressed, so trying again only costs CPU.
 */
export class FileStorage1795930000200 implements MigrationInterface {
  name = 'FileStorage1795930000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_files (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        content bytea NOT NULL,
        media_type varchar(255) NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_stored_files" PRIMARY KEY (id),
        CONSTRAINT "CHK_stored_files_size" CHECK (size_bytes = octet_length(content)),
        CONSTRAINT "CHK_stored_files_sha256" CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`ALTER TABLE stored_files ALTER COLUMN content SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_files`);
  }
}
