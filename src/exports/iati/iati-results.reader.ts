import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContentLanguage } from '../../common/i18n/translations';
import { periodsOfPlan } from '../../results/reporting-periods';
import type { ReportingFrequency } from '../../results/result-rules';
import type { IatiIndicator, IatiObjective, IatiResultsInput } from './iati-results';

/**
 * A plan's results framework as the IATI file needs it: objectives, indicators with their linked
 * activities, targets and every party's values. Four small reads, whatever the number of activities.
 */
@Injectable()
export class IatiResultsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forPlan(planId: string, language: ContentLanguage): Promise<IatiResultsInput> {
    const [plans, objectives, indicators, targets, values] = await Promise.all([
      this.dataSource.query<{ startsOn: string; endsOn: string; frequency: ReportingFrequency }[]>(
        `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
                reporting_frequency AS frequency
           FROM action_plans WHERE id = $1`,
        [planId],
      ),
      this.dataSource.query<IatiObjective[]>(
        `SELECT id, code, title, translations, theme, position
           FROM result_objectives WHERE plan_id = $1`,
        [planId],
      ),
      this.dataSource.query<Omit<IatiIndicator, 'targets' | 'values'>[]>(
        `SELECT i.id, i.objective_id AS "objectiveId", i.code, i.title, i.translations, i.measure,
                i.baseline_value::float8 AS "baselineValue",
                to_char(i.baseline_on, 'YYYY-MM-DD') AS "baselineOn", i.position,
                COALESCE((SELECT array_agg(l.activity_id::text ORDER BY l.activity_id)
                            FROM result_indicator_activities l WHERE l.indicator_id = i.id),
                         '{}') AS "activityIds"
           FROM result_indicators i WHERE i.plan_id = $1`,
        [planId],
      ),
      this.dataSource.query<{ indicatorId: string; period: string; targetValue: number }[]>(
        `SELECT t.indicator_id AS "indicatorId", t.period, t.target_value::float8 AS "targetValue"
           FROM result_targets t JOIN result_indicators i ON i.id = t.indicator_id
          WHERE i.plan_id = $1`,
        [planId],
      ),
      this.dataSource.query<
        { indicatorId: string; period: string; partyCode: string; value: number }[]
      >(
        `SELECT indicator_id AS "indicatorId", period, party_code AS "partyCode", value::float8 AS value
           FROM result_values WHERE plan_id = $1`,
        [planId],
      ),
    ]);
    const plan = plans[0];
    return {
      language,
      periods: plan ? periodsOfPlan(plan.startsOn, plan.endsOn, plan.frequency) : [],
      objectives,
      indicators: indicators.map((i) => ({
        ...i,
        targets: targets.filter((t) => t.indicatorId === i.id),
        values: values.filter((v) => v.indicatorId === i.id),
      })),
    };
  }
}
