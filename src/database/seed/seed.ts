import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../common/auth/password-hasher';
import {
  addDays,
  CalendarDate,
  compareDates,
  isCalendarDate,
  minDate,
} from '../../common/time/calendar-date';
import { storedTermColumns, termExpiresOn } from '../../agreements/agreement-terms';
import {
  SEED_ACTIVITIES,
  SEED_AGREEMENT,
  SEED_PARTIES,
  SEED_PLAN,
  SEED_USERS,
  SeedActivity,
} from './seed-data';
import { insertMeetings } from './seed-meetings';
import { insertResults } from './seed-results';
import { insertMoney } from './seed-money';

export interface SeedOptions {
  /** Password of the demo accounts the seed creates (existing accounts keep theirs). */
  password: string;
  /** The seeding day, 'YYYY-MM-DD': activity dates are offsets from it. */
  today: string;
}

export interface SeedResult {
  /** Rows inserted, per table; all zero when everything was already there. */
  created: Record<string, number>;
}

/** Serialises concurrent seeds (e.g. two containers starting at once) so check-then-insert is safe. */
const SEED_LOCK_KEY = 'accords:seed';

/**
 * Loads the demo data, inserting only what is missing, looked up by natural key: parties by code,
 * users by email, the agreement by reference, the plan by (agreement, title), activities by (plan,
 * title), observer grants by (user, agreement), committee meetings when the plan has none, the results
 * framework by objective and indicator codes (seed-results.ts). Nothing existing is updated (in particular no
 * password), so a second run inserts nothing. Everything happens in one transaction.
 */
export async function seed(dataSource: DataSource, options: SeedOptions): Promise<SeedResult> {
  if (!isCalendarDate(options.today)) {
    throw new RangeError(`seed: today must be a YYYY-MM-DD date, got ${options.today}`);
  }
  const created: Record<string, number> = {
    parties: 0,
    users: 0,
    agreements: 0,
    action_plans: 0,
    activities: 0,
    observer_grants: 0,
    committee_meetings: 0,
    result_objectives: 0,
    result_indicators: 0,
  };

  await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);

    created.parties = await insertParties(manager);
    created.users = await insertUsers(manager, options.password);

    const agreement = await findOrInsertAgreement(manager);
    created.agreements = agreement.inserted ? 1 : 0;

    const plan = await findOrInsertPlan(manager, agreement.id);
    created.action_plans = plan.inserted ? 1 : 0;

    created.activities = await insertActivities(manager, plan.id, options.today);
    created.observer_grants = await insertObserverGrants(manager);
    created.committee_meetings = await insertMeetings(
      manager,
      plan.id,
      SEED_PLAN.startsOn,
      options.today,
    );
    Object.assign(created, await insertResults(manager, plan.id));
    // Budget lines and spending (issue 10); not counted in `created`, whose keys the seed tests pin.
    await insertMoney(manager, plan.id, options.today);
  });

  return { created };
}

async function insertParties(manager: EntityManager): Promise<number> {
  let inserted = 0;
  for (const party of SEED_PARTIES) {
    const rows: unknown[] = await manager.query(
      `INSERT INTO parties (code, name, type, names) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [party.code, party.name, party.type, JSON.stringify(party.names)],
    );
    inserted += rows.length;
  }
  return inserted;
}

async function insertUsers(manager: EntityManager, password: string): Promise<number> {
  const emails = SEED_USERS.map((user) => user.email.toLowerCase());
  const existing: { email: string }[] = await manager.query(
    'SELECT email FROM users WHERE email = ANY($1::varchar[])',
    [emails],
  );
  const known = new Set(existing.map((row) => row.email));
  const missing = SEED_USERS.filter((user) => !known.has(user.email.toLowerCase()));
  if (missing.length === 0) return 0;

  // One hash shared by the new demo accounts: argon2 salts it, and hashing is deliberately slow.
  const passwordHash = await hashPassword(password);
  let inserted = 0;
  for (const user of missing) {
    const rows: unknown[] = await manager.query(
      `INSERT INTO users (email, name, role, party_code, locale, time_zone, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [
        user.email.toLowerCase(),
        user.name,
        user.role,
        user.partyCode,
        user.locale,
        user.timeZone,
        passwordHash,
      ],
    );
    inserted += rows.length;
  }
  return inserted;
}

interface Found {
  id: string;
  inserted: boolean;
}

async function findOrInsertAgreement(manager: EntityManager): Promise<Found> {
  const a = SEED_AGREEMENT;
  const existing: { id: string }[] = await manager.query(
    'SELECT id FROM agreements WHERE reference = $1 ORDER BY created_at LIMIT 1',
    [a.reference],
  );
  if (existing.length > 0) return { id: existing[0].id, inserted: false };
  const term = storedTermColumns({ ...a, entryIntoForceOn: a.signedOn, extendedMonths: 0 });
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO agreements (kind, title, reference, party_codes, signed_on, entry_into_force_on,
       duration_months, renewal_mode, renewal_term_months, notice_days, status, time_zone, version,
       expires_on, notice_deadline_on, entry_into_force_basis, entry_into_force_count)
     VALUES ($1, $2, $3, $4::varchar[], $5, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13,
       'days_after_last_notification', 0)
     RETURNING id`,
    [
      a.kind,
      a.title,
      a.reference,
      a.partyCodes,
      a.signedOn,
      a.durationMonths,
      a.renewalMode,
      a.renewalTermMonths,
      a.noticeDays,
      a.status,
      a.timeZone,
      term.expiresOn,
      term.noticeDeadlineOn,
    ],
  );
  // The MoU enters into force "on the date of the last notification"; both parties notified the
  // completion of their procedures at signature, so its entry into force is computed and is the
  // signature day, as the demo figures always had it.
  for (const partyCode of a.partyCodes) {
    await manager.query(
      `INSERT INTO agreement_notifications (agreement_id, party_code, notified_on, reference)
       VALUES ($1, $2, $3, $4)`,
      [rows[0].id, partyCode, a.signedOn, `${a.reference}/${partyCode}`],
    );
  }
  return { id: rows[0].id, inserted: true };
}

async function findOrInsertPlan(manager: EntityManager, agreementId: string): Promise<Found> {
  const p = SEED_PLAN;
  const existing: { id: string }[] = await manager.query(
    'SELECT id FROM action_plans WHERE agreement_id = $1 AND title = $2 ORDER BY created_at LIMIT 1',
    [agreementId, p.title],
  );
  if (existing.length > 0) return { id: existing[0].id, inserted: false };
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO action_plans (agreement_id, title, party_codes, starts_on, duration_months, ends_on,
       renewable, time_zone, version)
     VALUES ($1, $2, $3::varchar[], $4, $5, $6, $7, $8, 1)
     RETURNING id`,
    [
      agreementId,
      p.title,
      p.partyCodes,
      p.startsOn,
      p.durationMonths,
      termExpiresOn(p.startsOn, p.durationMonths),
      p.renewable,
      p.timeZone,
    ],
  );
  return { id: rows[0].id, inserted: true };
}

/**
 * `today + offset`, kept within the plan term when that does not move the date across today: a date
 * meant to be in the past stays in the past (so overdue stays overdue), one in the future stays ahead.
 */
function placeDate(
  today: CalendarDate,
  offsetDays: number,
  planStart: CalendarDate,
  planEnd: CalendarDate,
): CalendarDate {
  const date = addDays(today, offsetDays);
  if (offsetDays > 0 && compareDates(date, planEnd) > 0 && compareDates(planEnd, today) > 0) {
    return planEnd;
  }
  if (offsetDays < 0 && compareDates(date, planStart) < 0 && compareDates(planStart, today) < 0) {
    return planStart;
  }
  return date;
}

interface ActivityRow {
  plannedStartOn: CalendarDate | null;
  dueOn: CalendarDate;
  progressPercent: number;
  completedOn: CalendarDate | null;
}

/** Dates and progress of one seed activity, consistent with its status. */
export function activityDates(activity: SeedActivity, today: CalendarDate): ActivityRow {
  const planStart = SEED_PLAN.startsOn;
  const planEnd = termExpiresOn(SEED_PLAN.startsOn, SEED_PLAN.durationMonths);
  const place = (offset: number) => placeDate(today, offset, planStart, planEnd);
  const dueOn = place(activity.dueInDays);
  let plannedStartOn = activity.startInDays === undefined ? null : place(activity.startInDays);
  if (plannedStartOn !== null && compareDates(plannedStartOn, dueOn) > 0) plannedStartOn = dueOn;

  if (activity.status === 'completed') {
    const completedOn = minDate(place(activity.completedInDays ?? activity.dueInDays), today);
    return { plannedStartOn, dueOn, progressPercent: 100, completedOn };
  }
  const progressPercent = Math.min(99, Math.max(0, activity.progressPercent));
  return { plannedStartOn, dueOn, progressPercent, completedOn: null };
}

async function insertActivities(
  manager: EntityManager,
  planId: string,
  today: CalendarDate,
): Promise<number> {
  const existing: { title: string }[] = await manager.query(
    'SELECT title FROM activities WHERE plan_id = $1',
    [planId],
  );
  const known = new Set(existing.map((row) => row.title));
  let inserted = 0;
  for (const activity of SEED_ACTIVITIES) {
    if (known.has(activity.title)) continue;
    const { plannedStartOn, dueOn, progressPercent, completedOn } = activityDates(activity, today);
    const partyCodes = activity.partyCodes.includes(activity.leadPartyCode)
      ? activity.partyCodes
      : [activity.leadPartyCode, ...activity.partyCodes];
    await manager.query(
      `INSERT INTO activities (plan_id, title, description, type, themes, lead_party_code, party_codes,
         planned_start_on, due_on, status, progress_percent, completed_on, notes, version)
       VALUES ($1, $2, $3, $4, $5::varchar[], $6, $7::varchar[], $8, $9, $10, $11, $12, $13, 1)`,
      [
        planId,
        activity.title,
        activity.description,
        activity.type,
        activity.themes,
        activity.leadPartyCode,
        partyCodes,
        plannedStartOn,
        dueOn,
        activity.status,
        progressPercent,
        completedOn,
        activity.notes ?? null,
      ],
    );
    known.add(activity.title);
    inserted += 1;
  }
  // One part per party, at the activity's status, as the ActivityParts migration gives existing rows.
  await manager.query(
    `INSERT INTO activity_parts (activity_id, party_code, status, progress_percent, completed_on)
     SELECT DISTINCT a.id, p.code, a.status, a.progress_percent, a.completed_on
       FROM activities a
       CROSS JOIN LATERAL unnest(array_append(a.party_codes, a.lead_party_code)) AS p(code)
      WHERE a.plan_id = $1
     ON CONFLICT (activity_id, party_code) DO NOTHING`,
    [planId],
  );
  return inserted;
}

async function insertObserverGrants(manager: EntityManager): Promise<number> {
  let inserted = 0;
  for (const user of SEED_USERS) {
    for (const reference of user.grantedAgreementReferences ?? []) {
      // The grant goes to the account with that email and the oldest agreement with that reference.
      const rows: unknown[] = await manager.query(
        `INSERT INTO observer_grants (user_id, agreement_id)
         SELECT u.id, a.id
           FROM users u,
                LATERAL (SELECT id FROM agreements WHERE reference = $2 ORDER BY created_at LIMIT 1) a
          WHERE u.email = $1
         ON CONFLICT (user_id, agreement_id) DO NOTHING
         RETURNING user_id`,
        [user.email.toLowerCase(), reference],
      );
      inserted += rows.length;
    }
  }
  return inserted;
}
