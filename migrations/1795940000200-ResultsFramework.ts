import { MigrationInterface, QueryRunner } from 'typeorm';

/** Frozen copies of src/results/result-rules.ts as of this migration (a migration never changes). */
const MEASURES = `'number', 'percentage', 'yes_no'`;
const DISAGGREGATIONS = `'sex', 'age_group', 'nationality'`;
/** A year (`2025`, targets only) or a reporting period (`2025-H1`, `2025-Q3`). */
const PERIOD_OR_YEAR = `'^[0-9]{4}(-H[12]|-Q[1-4])?$'`;
const PERIOD = `'^[0-9]{4}-(H[12]|Q[1-4])$'`;

/**
 * The results framework of a plan (issue 10): objectives → indicators (linked to the activities that
 * serve them) → targets per year or period → actual values each party reports per reporting period,
 * with their history and evidence, and the periods a programme manager validated (their values locked).
 *
 * An indicator's objective must be of the same plan: the composite foreign key (objective_id, plan_id)
 * says so, so that no query has to trust it. Everything cascades from the plan; deleting an activity
 * only removes its links to indicators. Evidence bytes are in stored_files, removed by a trigger with
 * their row whichever way the row goes (as activity_evidence does).
 */
export class ResultsFramework1795940000200 implements MigrationInterface {
  name = 'ResultsFramework1795940000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE action_plans
        ADD COLUMN reporting_frequency varchar(12) NOT NULL DEFAULT 'half_year',
        ADD CONSTRAINT "CHK_action_plans_reporting_frequency"
          CHECK (reporting_frequency IN ('quarter', 'half_year'))`);

    await q.query(`
      CREATE TABLE result_objectives (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        code varchar(32) NOT NULL,
        theme varchar(64),
        title varchar(500) NOT NULL,
        translations jsonb NOT NULL DEFAULT '{}',
        position int NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_result_objectives" PRIMARY KEY (id),
        CONSTRAINT "UQ_result_objectives_code" UNIQUE (plan_id, code),
        CONSTRAINT "UQ_result_objectives_plan" UNIQUE (id, plan_id)
      )`);

    await q.query(`
      CREATE TABLE result_indicators (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        objective_id uuid NOT NULL,
        code varchar(32) NOT NULL,
        title varchar(500) NOT NULL,
        translations jsonb NOT NULL DEFAULT '{}',
        unit varchar(64) NOT NULL DEFAULT '',
        measure varchar(16) NOT NULL,
        baseline_value numeric(18, 4),
        baseline_on date,
        responsible_party_code varchar(16) REFERENCES parties (code) ON UPDATE CASCADE,
        disaggregations varchar(16)[] NOT NULL DEFAULT '{}',
        position int NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_result_indicators" PRIMARY KEY (id),
        CONSTRAINT "UQ_result_indicators_code" UNIQUE (plan_id, code),
        CONSTRAINT "FK_result_indicators_objective" FOREIGN KEY (objective_id, plan_id)
          REFERENCES result_objectives (id, plan_id) ON DELETE CASCADE,
        CONSTRAINT "CHK_result_indicators_measure" CHECK (measure IN (${MEASURES})),
        CONSTRAINT "CHK_result_indicators_disaggregations"
          CHECK (disaggregations <@ ARRAY[${DISAGGREGATIONS}]::varchar[])
      )`);
    await q.query(
      `CREATE INDEX "IDX_result_indicators_objective" ON result_indicators (objective_id, plan_id)`,
    );

    await q.query(`
      CREATE TABLE result_indicator_activities (
        indicator_id uuid NOT NULL REFERENCES result_indicators (id) ON DELETE CASCADE,
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        CONSTRAINT "PK_result_indicator_activities" PRIMARY KEY (indicator_id, activity_id)
      )`);
    // ON DELETE CASCADE from activities scans this column.
    await q.query(
      `CREATE INDEX "IDX_result_indicator_activities_activity" ON result_indicator_activities (activity_id)`,
    );

    await q.query(`
      CREATE TABLE result_targets (
        indicator_id uuid NOT NULL REFERENCES result_indicators (id) ON DELETE CASCADE,
        period varchar(7) NOT NULL,
        target_value numeric(18, 4) NOT NULL,
        CONSTRAINT "PK_result_targets" PRIMARY KEY (indicator_id, period),
        CONSTRAINT "CHK_result_targets_period" CHECK (period ~ ${PERIOD_OR_YEAR}),
        CONSTRAINT "CHK_result_targets_value" CHECK (target_value >= 0)
      )`);

    await q.query(`
      CREATE TABLE result_values (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES result_indicators (id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        period varchar(7) NOT NULL,
        party_code varchar(16) NOT NULL REFERENCES parties (code) ON UPDATE CASCADE,
        value numeric(18, 4) NOT NULL,
        breakdown jsonb NOT NULL DEFAULT '[]',
        note text,
        version int NOT NULL DEFAULT 1,
        reported_by uuid REFERENCES users (id) ON DELETE SET NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_result_values" PRIMARY KEY (id),
        CONSTRAINT "UQ_result_values_indicator_period_party" UNIQUE (indicator_id, period, party_code),
        CONSTRAINT "CHK_result_values_period" CHECK (period ~ ${PERIOD}),
        CONSTRAINT "CHK_result_values_value" CHECK (value >= 0),
        CONSTRAINT "CHK_result_values_breakdown" CHECK (jsonb_typeof(breakdown) = 'array')
      )`);
    await q.query(
      `CREATE INDEX "IDX_result_values_plan_period" ON result_values (plan_id, period)`,
    );

    await q.query(`
      CREATE TABLE result_period_validations (
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        period varchar(7) NOT NULL,
        validated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        validated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_result_period_validations" PRIMARY KEY (plan_id, period),
        CONSTRAINT "CHK_result_period_validations_period" CHECK (period ~ ${PERIOD})
      )`);

    // Append-only: one row per change of a value (its first report included), never updated.
    await q.query(`
      CREATE TABLE result_value_history (
        id bigint GENERATED ALWAYS AS IDENTITY,
        value_id uuid NOT NULL REFERENCES result_values (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_email varchar(320),
        at timestamptz NOT NULL,
        from_value numeric(18, 4),
        to_value numeric(18, 4) NOT NULL,
        from_breakdown jsonb,
        to_breakdown jsonb NOT NULL,
        from_note text,
        to_note text,
        reason text,
        period_validated boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_result_value_history" PRIMARY KEY (id)
      )`);
    await q.query(
      `CREATE INDEX "IDX_result_value_history_value" ON result_value_history (value_id, at)`,
    );

    await q.query(`
      CREATE TABLE result_value_evidence (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        value_id uuid NOT NULL REFERENCES result_values (id) ON DELETE CASCADE,
        file_name varchar(255) NOT NULL,
        media_type varchar(255) NOT NULL,
        size_bytes int NOT NULL,
        sha256 char(64) NOT NULL,
        file_id uuid NOT NULL REFERENCES stored_files (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "PK_result_value_evidence" PRIMARY KEY (id),
        CONSTRAINT "UQ_result_value_evidence_file" UNIQUE (file_id)
      )`);
    await q.query(
      `CREATE INDEX "IDX_result_value_evidence_value" ON result_value_evidence (value_id)`,
    );
    await q.query(`
      CREATE FUNCTION result_value_evidence_drop_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM stored_files WHERE id = OLD.file_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_result_value_evidence_drop_file" AFTER DELETE ON result_value_evidence
        FOR EACH ROW EXECUTE FUNCTION result_value_evidence_drop_file()`);
  }

  async down(q: QueryRunner): Promise<void> {
    // DROP TABLE fires no trigger: delete the rows first, so that their files go with them.
    await q.query(`DELETE FROM result_value_evidence`);
    await q.query(`DROP TABLE result_value_evidence`);
    await q.query(`DROP FUNCTION result_value_evidence_drop_file()`);
    await q.query(`DROP TABLE result_value_history`);
    await q.query(`DROP TABLE result_period_validations`);
    await q.query(`DROP TABLE result_values`);
    await q.query(`DROP TABLE result_targets`);
    await q.query(`DROP TABLE result_indicator_activities`);
    await q.query(`DROP TABLE result_indicators`);
    await q.query(`DROP TABLE result_objectives`);
    await q.query(`
      ALTER TABLE action_plans
        DROP CONSTRAINT "CHK_action_plans_reporting_frequency",
        DROP COLUMN reporting_frequency`);
  }
}
