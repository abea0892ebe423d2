import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, type CalendarDate } from '../common/time/calendar-date';
import { OPEN_PART_CODES } from './open-part-codes';
import type { DatedSubject } from './reminder-planner';
import { openStatusSql, notCarriedOverSql } from '../activities/activity-sql';
import { activityNeedsPlanning } from './reminder-marks';

/** "Today" in the zone of plan `p` at the instant $1. */
const PLAN_TODAY = `($1::timestamptz AT TIME ZONE p.time_zone)::date`;

/**
 * Open activities with their due date and "today" in their plan's zone ($1 is the instant). One that
 * a plan renewal carried over is reminded in the new plan, not in the old one too. The parties whose
 * focal points hear of it are those whose part is still open.
 */
const OPEN_ACTIVITIES = `
  SELECT a.id, to_char(a.due_on, 'YYYY-MM-DD') AS date, ${OPEN_PART_CODES} AS "partyCodes",
         to_char(${PLAN_TODAY}, 'YYYY-MM-DD') AS today
    FROM activities a JOIN action_plans p ON p.id = a.plan_id
   WHERE ${openStatusSql('a')}
     AND ${notCarriedOverSql('a')}`;

const OVERDUE_BATCH = 1000;

/** The clauses under which an agreement enters into force by its parties' notifications. */
export const NOTIFICATION_BASES = `('days_after_last_notification', 'first_day_of_month_after_last_notification')`;

/** The agreement's (ag) parties that have not notified the completion of their procedures. */
export const MISSING_NOTIFICATIONS = `ARRAY(
  SELECT code FROM unnest(ag.party_codes) AS code
   WHERE NOT EXISTS (SELECT 1 FROM agreement_notifications n
                      WHERE n.agreement_id = ag.id AND n.amendment_id IS NULL AND n.party_code = code))`;

/**
 * The sweep's read model: indexed range scans over due dates, expiries and notice deadlines, with
 * "today" computed per row in the subject's own time zone. The ranges are widened by a day on each
 * side because zones are up to 14 hours from UTC; the planner then applies the exact rule. Activities,
 * the sets that grow with the tables, come back only when their reminder is not planned yet
 * (planned-through.ts): in steady state the scans find the due set and return next to nothing.
 */
@Injectable()
export class ReminderCandidates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Open activities due between today and the longest lead time ahead whose lead-time reminder is not
   * planned yet: `rulesByDaysLeft` gives the rule key by days left (planned-through.ts), `stamp` the
   * audience and rules the marks must match.
   */
  activitiesDueWithin(
    now: Date,
    rulesByDaysLeft: (string | null)[],
    stamp: string,
  ): Promise<DatedSubject[]> {
    const utcToday = now.toISOString().slice(0, 10);
    const rule = `($4::text[])[a.due_on - ${PLAN_TODAY} + 1]`;
    return this.subjects(
      'activity',
      `${OPEN_ACTIVITIES} AND a.due_on BETWEEN $2 AND $3 AND ${rule} IS NOT NULL
         AND ${activityNeedsPlanning('activity_due', rule, '$5')}`,
      [
        now.toISOString(),
        addDays(utcToday, -1),
        addDays(utcToday, rulesByDaysLeft.length),
        rulesByDaysLeft,
        stamp,
      ],
    );
  }

  /**
   * Open activities whose due date has passed and whose overdue reminder of today is not planned yet
   * (`stamp` as for activitiesDueWithin), read in keyset batches by due date. The planner
   * overestimates this set badly on large tables (most past due dates belong to closed activities), and
   * without the ORDER BY … LIMIT its choice between the index and a full scan was a coin toss
   * (bench/REPORT.md); with it, the index is the obvious path at any size.
   */
  async overdueActivities(now: Date, everyDays: number, stamp: string): Promise<DatedSubject[]> {
    const utcTomorrow = addDays(now.toISOString().slice(0, 10), 1);
    // The key of the occurrence that applies today: overdueOccurrence (reminder-rules.ts) in SQL, for
    // days overdue >= 1 (integer division of non-negative numbers is the floor).
    const rule = `('activity_overdue:' || ((${PLAN_TODAY} - a.due_on - 1) / $5::int + 1))`;
    const all: DatedSubject[] = [];
    let after: { dueOn: CalendarDate; id: string } = { dueOn: '0001-01-01', id: '' };
    for (;;) {
      const batch = await this.subjects(
        'activity',
        `${OPEN_ACTIVITIES} AND a.due_on < $2 AND (a.due_on, a.id::text) > ($3::date, $4)
           AND a.due_on < ${PLAN_TODAY}
           AND ${activityNeedsPlanning('activity_overdue', rule, '$6')}
          ORDER BY a.due_on, a.id::text LIMIT ${OVERDUE_BATCH}`,
        [now.toISOString(), utcTomorrow, after.dueOn, after.id, everyDays, stamp],
      );
      all.push(...batch);
      if (batch.length < OVERDUE_BATCH) return all;
      const last = batch[batch.length - 1];
      after = { dueOn: last.date, id: last.id };
    }
  }

  /** Agreements in force whose last day falls within `maxLeadDays`. */
  agreementsExpiringWithin(now: Date, maxLeadDays: number): Promise<DatedSubject[]> {
    return this.agreementDates(
      'expires_on',
      now,
      maxLeadDays,
      'AND ag.denunciation_takes_effect_on IS NULL',
    );
  }

  /** Agreements whose notice deadline is near and for which no notice has been given yet. */
  noticeDeadlinesWithin(now: Date, maxLeadDays: number): Promise<DatedSubject[]> {
    return this.agreementDates(
      'notice_deadline_on',
      now,
      maxLeadDays,
      'AND ag.non_renewal_notice_on IS NULL',
    );
  }

  /** Plans whose term ends within `maxLeadDays`. */
  plansEndingWithin(now: Date, maxLeadDays: number): Promise<DatedSubject[]> {
    const utcToday = now.toISOString().slice(0, 10);
    return this.subjects(
      'plan',
      `SELECT p.id, to_char(p.ends_on, 'YYYY-MM-DD') AS date, p.party_codes AS "partyCodes",
              to_char(($1::timestamptz AT TIME ZONE p.time_zone)::date, 'YYYY-MM-DD') AS today
         FROM action_plans p
        WHERE p.ends_on BETWEEN $2 AND $3`,
      [now.toISOString(), addDays(utcToday, -1), addDays(utcToday, maxLeadDays + 1)],
    );
  }

  /**
   * Agreements whose entry into force waits for notifications and some party has not notified yet,
   * signed by tomorrow (UTC): date = signature, partyCodes = the parties still to notify. The set is
   * small by nature (texts between signature and entry into force).
   */
  agreementsAwaitingNotifications(now: Date): Promise<DatedSubject[]> {
    const utcTomorrow = addDays(now.toISOString().slice(0, 10), 1);
    return this.subjects(
      'agreement',
      `SELECT * FROM (
         SELECT ag.id, to_char(ag.signed_on, 'YYYY-MM-DD') AS date,
                ${MISSING_NOTIFICATIONS} AS "partyCodes",
                to_char(($1::timestamptz AT TIME ZONE ag.time_zone)::date, 'YYYY-MM-DD') AS today
           FROM agreements ag
          WHERE ag.entry_into_force_basis IN ${NOTIFICATION_BASES}
            AND ag.status IN ('draft', 'in_force') AND ag.signed_on <= $2
       ) awaiting WHERE cardinality("partyCodes") > 0`,
      [now.toISOString(), utcTomorrow],
    );
  }

  /** Agreements whose standing denunciation takes effect within `maxLeadDays`. */
  denunciationsTakingEffectWithin(now: Date, maxLeadDays: number): Promise<DatedSubject[]> {
    const utcToday = now.toISOString().slice(0, 10);
    return this.subjects(
      'agreement',
      `SELECT ag.id, to_char(ag.denunciation_takes_effect_on, 'YYYY-MM-DD') AS date,
              ag.party_codes AS "partyCodes",
              to_char(($1::timestamptz AT TIME ZONE ag.time_zone)::date, 'YYYY-MM-DD') AS today
         FROM agreements ag
        WHERE ag.denunciation_takes_effect_on BETWEEN $2 AND $3`,
      [now.toISOString(), addDays(utcToday, -1), addDays(utcToday, maxLeadDays + 1)],
    );
  }

  private agreementDates(
    column: 'expires_on' | 'notice_deadline_on',
    now: Date,
    maxLeadDays: number,
    extra: string,
  ): Promise<DatedSubject[]> {
    const utcToday = now.toISOString().slice(0, 10);
    return this.subjects(
      'agreement',
      `SELECT ag.id, to_char(ag.${column}, 'YYYY-MM-DD') AS date, ag.party_codes AS "partyCodes",
              to_char(($1::timestamptz AT TIME ZONE ag.time_zone)::date, 'YYYY-MM-DD') AS today
         FROM agreements ag
        WHERE ag.status IN ('in_force', 'renewed') AND ag.${column} BETWEEN $2 AND $3 ${extra}`,
      [now.toISOString(), addDays(utcToday, -1), addDays(utcToday, maxLeadDays + 1)],
    );
  }

  private async subjects(
    type: DatedSubject['type'],
    sql: string,
    params: unknown[],
  ): Promise<DatedSubject[]> {
    const rows = await this.dataSource.query<
      { id: string; date: CalendarDate; today: CalendarDate; partyCodes: string[] }[]
    >(sql, params);
    return rows.map((r) => ({ type, ...r }));
  }
}
