import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, type CalendarDate } from '../../common/time/calendar-date';
import type { Translations } from '../../common/i18n/translations';
import { periodsOfPlan } from '../../results/reporting-periods';
import type { ReportingFrequency } from '../../results/result-rules';
import type { ReportingPlan } from './results-due-planner';
import { RESULTS_OVERDUE_FOR_DAYS } from './results-due-rules';

/**
 * Who must report an indicator: its responsible party, or, when it has none, every party of the plan.
 * The value a party still owes is one with no row for (indicator, period, party).
 */
const REPORTERS = `unnest(CASE WHEN i.responsible_party_code IS NULL THEN p.party_codes
                               ELSE ARRAY[i.responsible_party_code] END)`;

export interface MissingIndicator {
  id: string;
  code: string;
  title: string;
  translations: Translations;
}

/**
 * The read model of reporting-due reminders: plans that have indicators and may have a report due
 * (their term, widened by the grace and the overdue window), and which parties still owe values.
 */
@Injectable()
export class ReportingGaps {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Plans with indicators whose last report can still be due or overdue now, with their periods. */
  async plans(now: Date, graceDays: number, maxLeadDays: number): Promise<ReportingPlan[]> {
    const utcToday = now.toISOString().slice(0, 10);
    const rows = await this.dataSource.query<
      {
        id: string;
        startsOn: CalendarDate;
        endsOn: CalendarDate;
        frequency: ReportingFrequency;
        today: CalendarDate;
      }[]
    >(
      `SELECT p.id, to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn",
              to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn", p.reporting_frequency AS frequency,
              to_char(($1::timestamptz AT TIME ZONE p.time_zone)::date, 'YYYY-MM-DD') AS today
         FROM action_plans p
        WHERE p.ends_on >= $2::date AND p.starts_on <= $3::date
          AND EXISTS (SELECT 1 FROM result_indicators i WHERE i.plan_id = p.id)`,
      [
        now.toISOString(),
        // A period ends by the plan's end at the latest…; a day's slack each side for time zones.
        addDays(utcToday, -(graceDays + RESULTS_OVERDUE_FOR_DAYS + 2)),
        addDays(utcToday, maxLeadDays + 1),
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      today: r.today,
      periods: periodsOfPlan(r.startsOn, r.endsOn, r.frequency),
    }));
  }

  /** For each (plan, period), the parties that still owe at least one value. */
  async missingParties(
    pairs: readonly { planId: string; period: string }[],
  ): Promise<Map<string, string[]>> {
    if (pairs.length === 0) return new Map();
    const rows = await this.dataSource.query<
      { planId: string; period: string; partyCodes: string[] }[]
    >(
      `SELECT d.plan_id AS "planId", d.period, array_agg(DISTINCT party.code ORDER BY party.code) AS "partyCodes"
         FROM unnest($1::uuid[], $2::text[]) AS d(plan_id, period)
         JOIN action_plans p ON p.id = d.plan_id
         JOIN result_indicators i ON i.plan_id = d.plan_id
         CROSS JOIN LATERAL ${REPORTERS} AS party(code)
        WHERE NOT EXISTS (SELECT 1 FROM result_values v
                           WHERE v.indicator_id = i.id AND v.period = d.period AND v.party_code = party.code)
        GROUP BY d.plan_id, d.period`,
      [pairs.map((p) => p.planId), pairs.map((p) => p.period)],
    );
    return new Map(rows.map((r) => [`${r.planId}|${r.period}`, r.partyCodes]));
  }

  /** The indicators a party still owes a value for in a period, in the framework's order. */
  missingIndicators(
    planId: string,
    period: string,
    partyCode: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<MissingIndicator[]> {
    return em.query<MissingIndicator[]>(
      `SELECT i.id, i.code, i.title, i.translations
         FROM result_indicators i
         JOIN action_plans p ON p.id = i.plan_id
         JOIN result_objectives o ON o.id = i.objective_id
        WHERE i.plan_id = $1 AND $3 IN (SELECT ${REPORTERS})
          AND NOT EXISTS (SELECT 1 FROM result_values v
                           WHERE v.indicator_id = i.id AND v.period = $2 AND v.party_code = $3)
        ORDER BY o.position, o.code, i.position, i.code`,
      [planId, period, partyCode],
    );
  }
}
