import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money of an activity: the budget planned for it (budget lines) and what was actually spent (spending
 * entries), each in its own currency. Amounts are never converted: every total is per currency, because
 * the service knows no exchange rate and must not invent one.
 *
 * `plan_id` is copied from the activity (an activity never changes plan) so that plan totals and the
 * portfolio's per-plan figures (src/money/money-sql.ts) read one indexed table, without a join.
 * The funder is a name (any donor, e.g. "European Union") and, when it is a registered party, that
 * party's code too; `party_code` says which country's part of the activity the money belongs to (null:
 * the activity as a whole).
 */
export class Money1795940000300 implements MigrationInterface {
  name = 'Money1795940000300';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['activity_budget_lines', 'activity_spending']) {
      const spending = table === 'activity_spending';
      await q.query(`
        CREATE TABLE ${table} (
          id uuid NOT NULL DEFAULT gen_random_uuid(),
          activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
          plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
          amount numeric(18, 2) NOT NULL,
          currency char(3) NOT NULL,
          ${spending ? 'spent_on date NOT NULL,' : ''}
          funder varchar(200) NOT NULL,
          funder_party_code varchar(16) REFERENCES parties (code) ON UPDATE CASCADE,
          party_code varchar(16) REFERENCES parties (code) ON UPDATE CASCADE,
          ${spending ? 'reference varchar(200),' : ''}
          note text,
          version int NOT NULL DEFAULT 1,
          created_at timestamptz NOT NULL DEFAULT now(),
          created_by uuid REFERENCES users (id) ON DELETE SET NULL,
          updated_at timestamptz NOT NULL DEFAULT now(),
          updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
          CONSTRAINT "PK_${table}" PRIMARY KEY (id),
          CONSTRAINT "CHK_${table}_amount" CHECK (amount > 0),
          CONSTRAINT "CHK_${table}_currency" CHECK (currency ~ '^[A-Z]{3}$')
        )`);
      await q.query(`CREATE INDEX "IDX_${table}_activity" ON ${table} (activity_id)`);
      // Per plan and currency: the plan's totals and the portfolio's budget use.
      await q.query(
        `CREATE INDEX "IDX_${table}_plan_currency" ON ${table} (plan_id, currency) INCLUDE (amount)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_spending`);
    await q.query(`DROP TABLE activity_budget_lines`);
  }
}
