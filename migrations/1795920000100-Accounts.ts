import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts people run themselves: single-use invitation and password-reset tokens (only their SHA-256
 * is stored), a flag for invitees who have not set a password yet, and the page's cookie sessions
 * (one row per sign-in; its refresh token rotates, and a reused one revokes the row).
 */
export class Accounts1795920000100 implements MigrationInterface {
  name = 'Accounts1795920000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN invitation_pending boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose varchar(32) NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash varchar(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        voided_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX "IDX_account_tokens_open" ON account_tokens (user_id, purpose)
         WHERE used_at IS NULL AND voided_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_generation integer NOT NULL,
        refresh_hash varchar(64) NOT NULL,
        previous_refresh_hash varchar(64),
        rotated_at timestamptz,
        created_at timestamptz NOT NULL,
        idle_expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason varchar(32)
      )`);
    await q.query(
      `CREATE INDEX "IDX_auth_sessions_user" ON auth_sessions (user_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_sessions`);
    await q.query(`DROP TABLE account_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN invitation_pending`);
  }
}
