import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting-due reminders for plans' results. The saved reminder rule set (if any) gets the default
 * settings (14 and 3 days before a report is due, overdue every 14 days, due 30 days after the period),
 * so that what the API shows is what the sweep applies.
 */
export class ResultsReportingReminders1795940000250 implements MigrationInterface {
  name = 'ResultsReportingReminders1795940000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE reminder_settings
         SET rules = rules || '{"resultsReporting": {"daysBefore": [14, 3], "overdueEveryDays": 14, "graceDays": 30}}'::jsonb
       WHERE NOT rules ? 'resultsReporting'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE reminder_settings SET rules = rules - 'resultsReporting'`);
  }
}
