import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feed tokens, the plan history (renewals, imports), and at most one successor per plan.
 */
export class FeedTokens1795890000001 implements MigrationInterface {
  name = 'FeedTokens1795890000001';

  async up(q: QueryRunner): Promise<void> {
    // Only the SHA-256 of a token is stored: a leaked table does not leak working feed URLs.
    await q.query(`
      CREATE TABLE feed_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL CONSTRAINT "UQ_feed_tokens_token_hash" UNIQUE,
        label varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX "IDX_feed_tokens_user" ON feed_tokens (user_id, created_at)`);
    await q.query(`
      CREATE TABLE plan_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        at timestamptz NOT NULL,
        event varchar(64) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX "IDX_plan_history_plan_at" ON plan_history (plan_id, at)`);
    // A plan is renewed once: two concurrent renewals cannot both create a successor.
    await q.query(`
      CREATE UNIQUE INDEX "UQ_action_plans_previous_plan" ON action_plans (previous_plan_id)
      WHERE previous_plan_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "UQ_action_plans_previous_plan"`);
    await q.query(`DROP TABLE IF EXISTS plan_history`);
    await q.query(`DROP TABLE IF EXISTS feed_tokens`);
  }
}
