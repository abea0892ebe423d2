import { MigrationInterface, QueryRunner } from 'typeorm';

/** Parties, users, agreements and renewals, action plans, activities and their history. */
export class InitialSchema1795880000000 implements MigrationInterface {
  name = 'InitialSchema1795880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(16) NOT NULL CONSTRAINT "UQ_parties_code" UNIQUE,
        name varchar(200) NOT NULL,
        type varchar(16) NOT NULL CHECK (type IN ('state', 'organisation')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CONSTRAINT "UQ_users_email" UNIQUE,
        name varchar(200) NOT NULL,
        role varchar(32) NOT NULL
          CHECK (role IN ('admin', 'programme_manager', 'focal_point', 'observer')),
        party_code varchar(16) REFERENCES parties (code) ON UPDATE CASCADE,
        locale varchar(8) NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en', 'ar')),
        time_zone varchar(64) NOT NULL DEFAULT 'Africa/Casablanca',
        password_hash varchar(255) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_users_focal_point_party" CHECK (role <> 'focal_point' OR party_code IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX "IDX_users_party_code" ON users (party_code)`);
    await q.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(40) NOT NULL,
        title varchar(500) NOT NULL,
        reference varchar(200),
        party_codes varchar[] NOT NULL CHECK (cardinality(party_codes) >= 2),
        signed_on date NOT NULL,
        entry_into_force_on date NOT NULL,
        duration_months int NOT NULL CHECK (duration_months > 0),
        extended_months int NOT NULL DEFAULT 0 CHECK (extended_months >= 0),
        renewal_mode varchar(16) NOT NULL CHECK (renewal_mode IN ('none', 'tacit', 'explicit')),
        renewal_term_months int CHECK (renewal_term_months > 0),
        notice_days int CHECK (notice_days >= 0),
        non_renewal_notice_on date,
        status varchar(16) NOT NULL DEFAULT 'in_force'
          CHECK (status IN ('draft', 'in_force', 'expired', 'renewed', 'terminated')),
        time_zone varchar(64) NOT NULL DEFAULT 'Africa/Casablanca',
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "IDX_agreements_party_codes" ON agreements USING gin (party_codes)`,
    );
    await q.query(`
      CREATE TABLE observer_grants (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, agreement_id)
      )`);
    await q.query(`CREATE INDEX "IDX_observer_grants_agreement" ON observer_grants (agreement_id)`);
    await q.query(`
      CREATE TABLE agreement_renewals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        decision varchar(16) NOT NULL CHECK (decision IN ('renew', 'not_renew')),
        tacit boolean NOT NULL DEFAULT false,
        decided_on date NOT NULL,
        term_months int,
        previous_expires_on date NOT NULL,
        new_expires_on date,
        note text,
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "IDX_agreement_renewals_agreement" ON agreement_renewals (agreement_id)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX "UQ_agreement_renewals_term" ON agreement_renewals (agreement_id, previous_expires_on)
      WHERE decision = 'renew'`);
    await q.query(`
      CREATE TABLE action_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        title varchar(500) NOT NULL,
        party_codes varchar[] NOT NULL,
        starts_on date NOT NULL,
        duration_months int NOT NULL CHECK (duration_months > 0),
        ends_on date NOT NULL,
        renewable boolean NOT NULL DEFAULT false,
        time_zone varchar(64) NOT NULL DEFAULT 'Africa/Casablanca',
        previous_plan_id uuid REFERENCES action_plans (id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_action_plans_agreement" ON action_plans (agreement_id)`);
    await q.query(`CREATE INDEX "IDX_action_plans_ends_on" ON action_plans (ends_on)`);
    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
        title varchar(500) NOT NULL,
        description text,
        type varchar(32) NOT NULL,
        themes varchar[] NOT NULL DEFAULT '{}',
        lead_party_code varchar(16) NOT NULL REFERENCES parties (code) ON UPDATE CASCADE,
        party_codes varchar[] NOT NULL CHECK (lead_party_code = ANY (party_codes)),
        planned_start_on date,
        due_on date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'planned'
          CHECK (status IN ('planned', 'in_progress', 'completed', 'postponed', 'cancelled')),
        progress_percent smallint NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        completed_on date,
        notes text,
        carried_over_from_id uuid REFERENCES activities (id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX "IDX_activities_plan_due" ON activities (plan_id, due_on)`);
    await q.query(
      `CREATE INDEX "IDX_activities_plan_status_due" ON activities (plan_id, status, due_on)`,
    );
    await q.query(
      `CREATE INDEX "IDX_activities_party_codes" ON activities USING gin (party_codes)`,
    );
    // Reminder sweeps ask "which open activities fall due between X and Y" across all plans.
    await q.query(`
      CREATE INDEX "IDX_activities_open_due" ON activities (due_on)
      WHERE status NOT IN ('completed', 'cancelled')`);
    await q.query(`
      CREATE TABLE activity_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_email varchar(254),
        at timestamptz NOT NULL,
        field varchar(64) NOT NULL,
        from_value jsonb,
        to_value jsonb,
        note text
      )`);
    await q.query(
      `CREATE INDEX "IDX_activity_history_activity_at" ON activity_history (activity_id, at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'activity_history',
      'activities',
      'action_plans',
      'agreement_renewals',
      'observer_grants',
      'agreements',
      'users',
      'parties',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
