import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { ReminderRulesService } from '../reminders/reminder-rules.service';
import { UsersService } from '../users/users.service';
import { indicatorAchievement, planAchievement, type ReportedValue } from './achievement';
import {
  periodContaining,
  periodEndsOn,
  periodsOfPlan,
  periodStartsOn,
  reportDueOn,
} from './reporting-periods';
import { ResultIndicatorActivity } from './result-indicator-activity.entity';
import { ResultIndicator } from './result-indicator.entity';
import { ResultObjective } from './result-objective.entity';
import { ResultPeriodValidation } from './result-period-validation.entity';
import { ResultTarget } from './result-target.entity';
import { ResultValueEvidence } from './result-value-evidence.entity';
import { ResultValue } from './result-value.entity';
import { orderTargets } from './results-framework.service';
import {
  type EvidenceFileView,
  type IndicatorProgressView,
  type ResultsFrameworkView,
  toEvidenceFileView,
  toIndicatorView,
  toObjectiveView,
  toResultValueView,
} from './result-views';

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return groups;
}

/**
 * The results framework of a plan as one document: periods (with validations and due dates),
 * objectives, indicators with their targets and achievement (achievement.ts), and every reported value
 * with its evidence. Whoever reads the plan reads it (404 otherwise); values of every party are read.
 */
@Injectable()
export class ResultsViewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly users: UsersService,
    // The report's due date is the reporting reminders' (grace after the period's end, on #reminder-rules),
    // so the page and the mails always name the same day.
    private readonly reminderRules: ReminderRulesService,
  ) {}

  async framework(actor: Actor, planId: string, year?: string): Promise<ResultsFrameworkView> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const today = this.plans.todayFor(plan);
    const asOfYear = year ?? today.slice(0, 4);
    const m = this.dataSource.manager;
    const [objectives, indicators, values, validations] = await Promise.all([
      m.find(ResultObjective, { where: { planId }, order: { position: 'ASC', code: 'ASC' } }),
      m.find(ResultIndicator, { where: { planId }, order: { position: 'ASC', code: 'ASC' } }),
      m.find(ResultValue, {
        where: { planId },
        order: { period: 'ASC', partyCode: 'ASC', indicatorId: 'ASC' },
      }),
      m.find(ResultPeriodValidation, { where: { planId } }),
    ]);
    const indicatorIds = indicators.map((i) => i.id);
    const [links, targets, evidence] = await Promise.all([
      indicatorIds.length
        ? m.find(ResultIndicatorActivity, { where: { indicatorId: In(indicatorIds) } })
        : [],
      indicatorIds.length ? m.find(ResultTarget, { where: { indicatorId: In(indicatorIds) } }) : [],
      values.length
        ? m.find(ResultValueEvidence, {
            where: { valueId: In(values.map((v) => v.id)) },
            order: { uploadedAt: 'ASC', id: 'ASC' },
          })
        : [],
    ]);
    const names = await this.users.displayNames([
      ...values.map((v) => v.reportedBy),
      ...validations.map((v) => v.validatedBy),
      ...evidence.map((e) => e.uploadedBy),
    ]);

    const linksOf = groupBy(links, (l) => l.indicatorId);
    const targetsOf = groupBy(targets, (t) => t.indicatorId);
    const valuesOf = groupBy(values, (v) => v.indicatorId);
    const evidenceOf = groupBy(evidence, (e) => e.valueId);
    const validated = new Map(validations.map((v) => [v.period, v]));

    const indicatorViews: IndicatorProgressView[] = indicators.map((indicator) => {
      const indicatorTargets = orderTargets(
        (targetsOf.get(indicator.id) ?? []).map((t) => ({
          period: t.period,
          targetValue: t.targetValue,
        })),
      );
      const reported: ReportedValue[] = (valuesOf.get(indicator.id) ?? []).map((v) => ({
        period: v.period,
        partyCode: v.partyCode,
        value: v.value,
      }));
      const of = (period: string) =>
        indicatorAchievement(indicator.measure, reported, indicatorTargets, period);
      return {
        ...toIndicatorView(
          indicator,
          (linksOf.get(indicator.id) ?? []).map((l) => l.activityId).sort(),
          indicatorTargets,
        ),
        achievement: { year: of(asOfYear), byTarget: indicatorTargets.map((t) => of(t.period)) },
      };
    });

    const periods = periodsOfPlan(plan.startsOn, plan.endsOn, plan.reportingFrequency);
    const current = periodContaining(today, plan.reportingFrequency);
    const { graceDays } = (await this.reminderRules.current()).resultsReporting;
    return {
      planId,
      reportingFrequency: plan.reportingFrequency,
      year: asOfYear,
      currentPeriod: periods.includes(current) ? current : null,
      periods: periods.map((period) => {
        const validation = validated.get(period);
        return {
          period,
          startsOn: periodStartsOn(period),
          endsOn: periodEndsOn(period),
          reportDueOn: reportDueOn(period, graceDays),
          validation: validation
            ? {
                validatedAt: validation.validatedAt,
                validatedBy: validation.validatedBy
                  ? { id: validation.validatedBy, name: names.get(validation.validatedBy) ?? null }
                  : null,
              }
            : null,
        };
      }),
      objectives: objectives.map(toObjectiveView),
      indicators: indicatorViews,
      values: values.map((v) =>
        toResultValueView(
          v,
          names,
          validated.has(v.period),
          (evidenceOf.get(v.id) ?? []).map((e): EvidenceFileView => toEvidenceFileView(e, names)),
        ),
      ),
      achievement: {
        year: asOfYear,
        indicatorCount: indicators.length,
        percent: planAchievement(indicatorViews.map((i) => i.achievement.year)),
      },
    };
  }
}
