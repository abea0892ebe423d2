import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Translations } from '../../common/i18n/translations';
import type { CalendarDate } from '../../common/time/calendar-date';
import { daysSilent } from './nudge-rules';
import { openStatusSql, notCarriedOverSql } from '../../activities/activity-sql';
import type { ActivityStatus } from '../../activities/activity-rules';

/** An open part of an activity that has had no update for at least the silence threshold. */
export interface SilentPart {
  planId: string;
  activityId: string;
  title: string;
  translations: Translations;
  dueOn: CalendarDate;
  partyCode: string;
  daysSilent: number;
}

interface PartRow extends Omit<SilentPart, 'daysSilent'> {
  status: ActivityStatus;
  lastUpdatedOn: CalendarDate;
  today: CalendarDate;
}

const DAY_MS = 86_400_000;

/**
 * The nudges' read model. Days are counted in each plan's time zone; the SQL only narrows by instant
 * (with a day's slack for zones and clock changes), through the partial index on open parts by last
 * update, and the pure rule (nudge-rules.ts) decides. Activities a plan renewal carried over are left
 * out: their copy in the new plan is the live one.
 */
@Injectable()
export class SilentParts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** "Today" in each plan's time zone at `now`. */
  async todayOfPlans(planIds: string[], now: Date): Promise<Map<string, CalendarDate>> {
    if (planIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; today: CalendarDate }[]>(
      `SELECT id, to_char(($2::timestamptz AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today
         FROM action_plans WHERE id = ANY($1::uuid[])`,
      [planIds, now.toISOString()],
    );
    return new Map(rows.map((r) => [r.id, r.today]));
  }

  /** Silent parts of these plans, by plan, party, due date. */
  async ofPlans(planIds: string[], now: Date, silentAfterDays: number): Promise<SilentPart[]> {
    if (planIds.length === 0) return [];
    const notSince = new Date(now.getTime() - Math.max(0, silentAfterDays - 2) * DAY_MS);
    const rows = await this.dataSource.query<PartRow[]>(
      `SELECT a.plan_id AS "planId", a.id AS "activityId", a.title, a.translations,
              to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", ap.party_code AS "partyCode", ap.status,
              to_char((ap.updated_at AT TIME ZONE p.time_zone)::date, 'YYYY-MM-DD') AS "lastUpdatedOn",
              to_char(($2::timestamptz AT TIME ZONE p.time_zone)::date, 'YYYY-MM-DD') AS today
         FROM activities a
         JOIN action_plans p ON p.id = a.plan_id
         JOIN activity_parts ap ON ap.activity_id = a.id
        WHERE a.plan_id = ANY($1::uuid[])
          AND ${openStatusSql('ap')} AND ap.updated_at < $3::timestamptz
          AND ${notCarriedOverSql('a')}
        ORDER BY a.plan_id, ap.party_code, a.due_on, a.title, a.id`,
      [planIds, now.toISOString(), notSince.toISOString()],
    );
    return rows.flatMap(({ status, lastUpdatedOn, today, ...part }) => {
      const days = daysSilent({ status, lastUpdatedOn }, today, silentAfterDays);
      return days === null ? [] : [{ ...part, daysSilent: days }];
    });
  }
}
