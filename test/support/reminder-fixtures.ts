import { todayIn } from '../../src/common/time/calendar-date';
import { seededPlan } from './fixtures';
import type { SmtpSink } from './smtp-sink';
import { createTestApp, DEMO, type TestApp } from './test-app';
import { waitFor } from './wait';

/** Today (UTC) at 11:00: working hours in both Casablanca and Abidjan, so mail is not held back. */
export function workingHoursToday(): Date {
  return new Date(`${new Date().toISOString().slice(0, 10)}T11:00:00Z`);
}

export async function createActivity(
  t: TestApp,
  planId: string,
  fields: { title: string; dueOn: string; leadPartyCode?: string; partyCodes?: string[] },
): Promise<{ id: string; version: number }> {
  const res = await t.http
    .post(`/api/action-plans/${planId}/activities`)
    .set('Authorization', await t.tokenFor(DEMO.pm))
    .send({ type: 'workshop', leadPartyCode: 'MA', ...fields })
    .expect(201);
  return res.body;
}

export async function sweep(t: TestApp) {
  const res = await t.http
    .post('/api/reminders/sweep')
    .set('Authorization', await t.tokenFor(DEMO.admin))
    .expect(200);
  return res.body as {
    inserted: number;
    enqueued: number;
    requeued: number;
    deliveries: number;
    planned: Record<string, number>;
  };
}

export interface Row {
  id: string;
  rule: string;
  status: string;
  recipient_address: string;
  channel: string;
  escalated: boolean;
  attempts: number;
  last_error: string | null;
  due_on: string;
}

export function rowsFor(t: TestApp, subjectId: string): Promise<Row[]> {
  return t.dataSource.query(
    `SELECT id, rule, status, recipient_address, channel, escalated, attempts, last_error,
            to_char(due_on, 'YYYY-MM-DD') AS due_on
       FROM notifications WHERE subject_id = $1 ORDER BY rule, recipient_address`,
    [subjectId],
  );
}

/** Waits until no row of these subjects is pending any more. */
export function settled(t: TestApp, subjectIds: string[], timeoutMs = 20000) {
  return waitFor(
    'deliveries to settle',
    async () => {
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM notifications
          WHERE subject_id = ANY($1::uuid[]) AND status = 'pending'`,
        [subjectIds],
      );
      return n === 0;
    },
    timeoutMs,
  );
}

/**
 * The reminder suites' common start: an app whose mail goes to `sink`, its clock at working hours
 * today, no scheduled sweep getting in the way, and the seeded plan to add activities to.
 */
export async function startReminderApp(
  sink: SmtpSink,
  env: Record<string, string>,
): Promise<{ t: TestApp; planId: string; today: string }> {
  const smtpPort = await sink.start();
  const t = await createTestApp({
    env: { SMTP_URL: sink.url(smtpPort), REMINDER_SWEEP_EVERY_MS: '3600000', ...env },
  });
  t.clock.set(workingHoursToday());
  const today = todayIn('Africa/Casablanca', t.clock.now());
  return { t, planId: (await seededPlan(t)).planId, today };
}
