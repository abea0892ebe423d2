import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on POST routes: one row per (caller, key), with the request's fingerprint and,
 * once it succeeded, the answer to replay. Rows older than 24 hours are deleted by a cleanup query.
 */
export class IdempotencyKeys1795910000200 implements MigrationInterface {
  name = 'IdempotencyKeys1795910000200';

  async up(q: QueryRunner): Promise<void> {
    // The primary key is the unique (caller, key) that lets one of two concurrent duplicates in.
    // caller_id has no foreign key: a key outliving its user for a day is harmless.
    await q.query(`
      CREATE TABLE idempotency_keys (
        caller_id uuid NOT NULL,
        key varchar(255) NOT NULL,
        method varchar(10) NOT NULL,
        path text NOT NULL,
        request_hash char(64) NOT NULL,
        response_status int,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_idempotency_keys" PRIMARY KEY (caller_id, key)
      )`);
    await q.query(
      `CREATE INDEX "IDX_idempotency_keys_created_at" ON idempotency_keys (created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
