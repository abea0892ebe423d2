import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user token generation, carried in every access token and bumped when the password, role or
 * party changes: tokens issued before the change stop working at once, without a token table.
 */
export class TokenGeneration1795910000100 implements MigrationInterface {
  name = 'TokenGeneration1795910000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_generation`);
  }
}
