import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The treaty-aware lifecycle (issue 10, part 4): each agreement's entry-into-force clause, provisional
 * application and denunciation notice; the parties' notifications; amendments as linked records;
 * denunciations. Existing agreements read the same: one whose entry into force is its signature gets
 * the `signature` clause, any other keeps its typed date (`typed`, the legacy mode).
 * `denunciation_takes_effect_on` is derived (earliest standing denunciation), stored so that the term
 * columns and the reminder sweep can use it without a join.
 */
export class AgreementLifecycle1795940000100 implements MigrationInterface {
  name = 'AgreementLifecycle1795940000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agreements
        ADD COLUMN entry_into_force_basis varchar(48) NOT NULL DEFAULT 'typed',
        ADD COLUMN entry_into_force_count int,
        ADD COLUMN provisional_application boolean NOT NULL DEFAULT false,
        ADD COLUMN denunciation_notice_months int,
        ADD COLUMN denunciation_takes_effect_on date,
        ADD CONSTRAINT "CHK_agreements_entry_into_force_basis" CHECK (entry_into_force_basis IN
          ('typed', 'signature', 'days_after_last_notification', 'first_day_of_month_after_last_notification'))`);
    await q.query(
      `UPDATE agreements SET entry_into_force_basis = 'signature' WHERE entry_into_force_on = signed_on`,
    );
    await q.query(`
      CREATE TABLE agreement_amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        title varchar(500) NOT NULL,
        signed_on date NOT NULL,
        entry_into_force_basis varchar(48) NOT NULL,
        entry_into_force_count int,
        entry_into_force_on date,
        changes jsonb NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'signed',
        note text,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_agreement_amendments_status" CHECK (status IN ('signed', 'abandoned')),
        CONSTRAINT "CHK_agreement_amendments_basis" CHECK (entry_into_force_basis IN
          ('typed', 'signature', 'days_after_last_notification', 'first_day_of_month_after_last_notification'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_agreement_amendments_agreement" ON agreement_amendments (agreement_id, signed_on)`,
    );
    await q.query(`
      CREATE TABLE agreement_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        amendment_id uuid REFERENCES agreement_amendments(id) ON DELETE CASCADE,
        party_code varchar(16) NOT NULL,
        notified_on date NOT NULL,
        reference varchar(200),
        note text,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One notification per party: of the agreement itself, and of each amendment.
    await q.query(`
      CREATE UNIQUE INDEX "UQ_agreement_notifications_party" ON agreement_notifications (agreement_id, party_code)
       WHERE amendment_id IS NULL`);
    await q.query(`
      CREATE UNIQUE INDEX "UQ_agreement_notifications_amendment_party"
          ON agreement_notifications (amendment_id, party_code) WHERE amendment_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE agreement_denunciations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
        party_code varchar(16) NOT NULL,
        notified_on date NOT NULL,
        takes_effect_on date NOT NULL,
        note text,
        withdrawn_on date,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A party denounces once; after a withdrawal it may denounce again.
    await q.query(`
      CREATE UNIQUE INDEX "UQ_agreement_denunciations_standing" ON agreement_denunciations (agreement_id, party_code)
       WHERE withdrawn_on IS NULL`);
    // The denunciation reminders range-scan the effect date, as the expiry reminders scan expires_on.
    await q.query(`
      CREATE INDEX "IDX_agreements_denunciation_takes_effect_on" ON agreements (denunciation_takes_effect_on)
       WHERE denunciation_takes_effect_on IS NOT NULL`);
    await q.query(`
      UPDATE reminder_settings
         SET rules = rules || '{"notificationMissing": {"daysAfterSignature": [30, 60], "everyDays": 30},
                                "denunciationEffect": {"daysBefore": [90, 30, 0]}}'::jsonb
       WHERE NOT rules ? 'notificationMissing'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE reminder_settings SET rules = rules - 'notificationMissing' - 'denunciationEffect'`,
    );
    await q.query(`DROP TABLE agreement_denunciations`);
    await q.query(`DROP TABLE agreement_notifications`);
    await q.query(`DROP TABLE agreement_amendments`);
    await q.query(`
      ALTER TABLE agreements
        DROP COLUMN entry_into_force_basis, DROP COLUMN entry_into_force_count,
        DROP COLUMN provisional_application, DROP COLUMN denunciation_notice_months,
        DROP COLUMN denunciation_takes_effect_on`);
  }
}
