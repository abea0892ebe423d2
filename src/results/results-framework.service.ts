import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ActionPlan } from '../action-plans/action-plan.entity';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { Activity } from '../activities/activity.entity';
import type { Actor } from '../common/auth/actor';
import { canDefineResults } from '../common/auth/permissions';
import {
  Forbidden,
  type FieldError,
  InvalidInput,
  NotFound,
  VersionConflict,
} from '../common/errors/domain-errors';
import { mergeTranslations, type Translations } from '../common/i18n/translations';
import type { CreateIndicatorDto, UpdateIndicatorDto } from './dto/indicator.dto';
import type { CreateObjectiveDto, UpdateObjectiveDto } from './dto/objective.dto';
import type { PutTargetsDto } from './dto/targets.dto';
import { comparePeriods, isTargetPeriodOfPlan, isYearKey } from './reporting-periods';
import { ResultIndicatorActivity } from './result-indicator-activity.entity';
import { ResultIndicator } from './result-indicator.entity';
import { ResultObjective } from './result-objective.entity';
import { ResultTarget } from './result-target.entity';
import { ResultValue } from './result-value.entity';
import { IndicatorHasValues, ResultCodeInUse } from './results-errors';
import {
  type IndicatorView,
  type ObjectiveView,
  type TargetView,
  toIndicatorView,
  toObjectiveView,
} from './result-views';
import { disaggregationsProblem, reportedValueProblems } from './value-rules';

/** Years first, then periods, each in calendar order. */
export function orderTargets(targets: TargetView[]): TargetView[] {
  return [...targets].sort((a, b) => {
    const [ay, by] = [isYearKey(a.period), isYearKey(b.period)];
    if (ay !== by) return ay ? -1 : 1;
    return ay ? a.period.localeCompare(b.period) : comparePeriods(a.period, b.period);
  });
}

/**
 * The definition side of a plan's results framework: objectives, indicators (with the activities that
 * serve them) and targets. Managers only (the controller's role check, repeated here for the worker and
 * other callers); the plan must be visible (404 otherwise) and every reference must be of that plan.
 */
@Injectable()
export class ResultsFrameworkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
  ) {}

  async createObjective(
    actor: Actor,
    planId: string,
    dto: CreateObjectiveDto,
  ): Promise<ObjectiveView> {
    await this.definablePlan(actor, planId);
    await this.assertFreeCode(ResultObjective, planId, dto.code);
    const saved = await this.dataSource.manager.save(
      this.dataSource.manager.create(ResultObjective, {
        planId,
        code: dto.code,
        theme: dto.theme ?? null,
        title: dto.title,
        translations: mergeTranslations({}, dto.translations),
        ...(dto.position !== undefined && { position: dto.position }),
      }),
    );
    return toObjectiveView(saved);
  }

  async updateObjective(
    actor: Actor,
    planId: string,
    objectiveId: string,
    dto: UpdateObjectiveDto,
  ): Promise<ObjectiveView> {
    await this.definablePlan(actor, planId);
    const current = await this.objectiveOf(planId, objectiveId);
    if (dto.code !== undefined && dto.code !== current.code) {
      await this.assertFreeCode(ResultObjective, planId, dto.code);
    }
    const expected = dto.version ?? current.version;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ResultObjective)
      .set({
        ...namedChanges(dto, current),
        ...(dto.theme !== undefined && { theme: dto.theme }),
        version: () => 'version + 1',
      })
      .where('id = :objectiveId AND plan_id = :planId AND version = :expected', {
        objectiveId,
        planId,
        expected,
      })
      .execute();
    if (result.affected === 0) {
      const now = await this.objectiveOf(planId, objectiveId);
      throw new VersionConflict('Objective', expected, now.version);
    }
    return toObjectiveView(await this.objectiveOf(planId, objectiveId));
  }

  /** Removes the objective with its indicators, their targets and reported values. */
  async deleteObjective(actor: Actor, planId: string, objectiveId: string): Promise<void> {
    await this.definablePlan(actor, planId);
    const result = await this.dataSource.manager.delete(ResultObjective, {
      id: objectiveId,
      planId,
    });
    if (!result.affected) throw new NotFound('Objective', objectiveId);
  }

  async createIndicator(
    actor: Actor,
    planId: string,
    dto: CreateIndicatorDto,
  ): Promise<IndicatorView> {
    const plan = await this.definablePlan(actor, planId);
    await this.objectiveOf(planId, dto.objectiveId, 'objectiveId');
    const disaggregations = dto.disaggregations ?? [];
    this.assertIndicatorFields(plan, {
      measure: dto.measure,
      disaggregations,
      baselineValue: dto.baselineValue ?? null,
      responsiblePartyCode: dto.responsiblePartyCode ?? null,
    });
    await this.assertPlanActivities(planId, dto.activityIds ?? []);
    await this.assertFreeCode(ResultIndicator, planId, dto.code);
    const id = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(ResultIndicator, {
          planId,
          objectiveId: dto.objectiveId,
          code: dto.code,
          title: dto.title,
          translations: mergeTranslations({}, dto.translations),
          unit: dto.unit ?? '',
          measure: dto.measure,
          baselineValue: dto.baselineValue ?? null,
          baselineOn: dto.baselineOn ?? null,
          responsiblePartyCode: dto.responsiblePartyCode ?? null,
          disaggregations,
          ...(dto.position !== undefined && { position: dto.position }),
        }),
      );
      await this.linkActivities(em, saved.id, dto.activityIds ?? []);
      return saved.id;
    });
    return this.indicatorView(planId, id);
  }

  async updateIndicator(
    actor: Actor,
    planId: string,
    indicatorId: string,
    dto: UpdateIndicatorDto,
  ): Promise<IndicatorView> {
    const plan = await this.definablePlan(actor, planId);
    const current = await this.indicatorOf(planId, indicatorId);
    if (dto.objectiveId !== undefined)
      await this.objectiveOf(planId, dto.objectiveId, 'objectiveId');
    const next = {
      measure: dto.measure ?? current.measure,
      disaggregations: dto.disaggregations ?? current.disaggregations,
      baselineValue: dto.baselineValue === undefined ? current.baselineValue : dto.baselineValue,
      responsiblePartyCode:
        dto.responsiblePartyCode === undefined
          ? current.responsiblePartyCode
          : dto.responsiblePartyCode,
    };
    this.assertIndicatorFields(plan, next);
    if (dto.activityIds) await this.assertPlanActivities(planId, dto.activityIds);
    if (dto.code !== undefined && dto.code !== current.code) {
      await this.assertFreeCode(ResultIndicator, planId, dto.code);
    }
    const expected = dto.version ?? current.version;
    await this.dataSource.transaction(async (em) => {
      if (next.measure !== current.measure) {
        const reported = await em.exists(ResultValue, { where: { indicatorId } });
        if (reported) throw new IndicatorHasValues(indicatorId);
      }
      const result = await em
        .createQueryBuilder()
        .update(ResultIndicator)
        .set({
          ...namedChanges(dto, current),
          ...(dto.objectiveId !== undefined && { objectiveId: dto.objectiveId }),
          ...(dto.unit !== undefined && { unit: dto.unit }),
          ...(dto.baselineOn !== undefined && { baselineOn: dto.baselineOn }),
          measure: next.measure,
          disaggregations: next.disaggregations,
          baselineValue: next.baselineValue,
          responsiblePartyCode: next.responsiblePartyCode,
          version: () => 'version + 1',
        })
        .where('id = :indicatorId AND plan_id = :planId AND version = :expected', {
          indicatorId,
          planId,
          expected,
        })
        .execute();
      if (result.affected === 0) {
        const now = await em.findOneBy(ResultIndicator, { id: indicatorId });
        throw new VersionConflict('Indicator', expected, now?.version ?? 0);
      }
      if (dto.activityIds) {
        await em.delete(ResultIndicatorActivity, { indicatorId });
        await this.linkActivities(em, indicatorId, dto.activityIds);
      }
    });
    return this.indicatorView(planId, indicatorId);
  }

  /** Removes the indicator with its targets, reported values and their history and evidence. */
  async deleteIndicator(actor: Actor, planId: string, indicatorId: string): Promise<void> {
    await this.definablePlan(actor, planId);
    const result = await this.dataSource.manager.delete(ResultIndicator, {
      id: indicatorId,
      planId,
    });
    if (!result.affected) throw new NotFound('Indicator', indicatorId);
  }

  /** Replaces the indicator's targets (years of the plan, or periods overlapping it). */
  async putTargets(
    actor: Actor,
    planId: string,
    indicatorId: string,
    dto: PutTargetsDto,
  ): Promise<IndicatorView> {
    const plan = await this.definablePlan(actor, planId);
    const indicator = await this.indicatorOf(planId, indicatorId);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    dto.targets.forEach((target, i) => {
      if (!isTargetPeriodOfPlan(target.period, plan.startsOn, plan.endsOn)) {
        errors.push({
          field: `targets.${i}.period`,
          message: `is not a year or period of this plan (${plan.startsOn} to ${plan.endsOn})`,
        });
      } else if (seen.has(target.period)) {
        errors.push({ field: `targets.${i}.period`, message: 'appears twice' });
      }
      seen.add(target.period);
      const problem = reportedValueProblems(indicator, target.targetValue, []).find(
        (p) => p.field === 'value',
      );
      if (problem) errors.push({ field: `targets.${i}.targetValue`, message: problem.message });
    });
    if (errors.length > 0) throw new InvalidInput(errors);
    await this.dataSource.transaction(async (em) => {
      await em.delete(ResultTarget, { indicatorId });
      if (dto.targets.length > 0) {
        await em.insert(
          ResultTarget,
          dto.targets.map((t) => ({ indicatorId, period: t.period, targetValue: t.targetValue })),
        );
      }
      // Targets are part of the indicator: a client holding the old version learns of the change.
      await em.increment(ResultIndicator, { id: indicatorId }, 'version', 1);
    });
    return this.indicatorView(planId, indicatorId);
  }

  /** An indicator of the plan as the API shows it (activities and targets included). */
  async indicatorView(planId: string, indicatorId: string): Promise<IndicatorView> {
    const indicator = await this.indicatorOf(planId, indicatorId);
    const [links, targets] = await Promise.all([
      this.dataSource.manager.find(ResultIndicatorActivity, { where: { indicatorId } }),
      this.dataSource.manager.find(ResultTarget, { where: { indicatorId } }),
    ]);
    return toIndicatorView(
      indicator,
      links.map((l) => l.activityId).sort(),
      orderTargets(targets.map((t) => ({ period: t.period, targetValue: t.targetValue }))),
    );
  }

  private async definablePlan(actor: Actor, planId: string): Promise<ActionPlan> {
    const { plan } = await this.plans.findVisible(actor, planId);
    if (!canDefineResults(actor)) {
      throw new Forbidden('Only programme managers and admins define a plan’s results framework.');
    }
    return plan;
  }

  private async objectiveOf(
    planId: string,
    objectiveId: string,
    field?: string,
  ): Promise<ResultObjective> {
    const found = await this.dataSource.manager.findOneBy(ResultObjective, {
      id: objectiveId,
      planId,
    });
    if (!found) {
      if (field) throw InvalidInput.field(field, 'is not an objective of this plan');
      throw new NotFound('Objective', objectiveId);
    }
    return found;
  }

  private async indicatorOf(planId: string, indicatorId: string): Promise<ResultIndicator> {
    const found = await this.dataSource.manager.findOneBy(ResultIndicator, {
      id: indicatorId,
      planId,
    });
    if (!found) throw new NotFound('Indicator', indicatorId);
    return found;
  }

  private async assertFreeCode(
    entity: typeof ResultObjective | typeof ResultIndicator,
    planId: string,
    code: string,
  ): Promise<void> {
    if (await this.dataSource.manager.existsBy(entity, { planId, code })) {
      throw new ResultCodeInUse(code);
    }
  }

  private assertIndicatorFields(
    plan: ActionPlan,
    fields: {
      measure: ResultIndicator['measure'];
      disaggregations: readonly string[];
      baselineValue: number | null;
      responsiblePartyCode: string | null;
    },
  ): void {
    const errors: FieldError[] = [];
    const onDisaggregations = disaggregationsProblem(fields.measure, fields.disaggregations);
    if (onDisaggregations) errors.push({ field: 'disaggregations', message: onDisaggregations });
    if (fields.baselineValue !== null) {
      const problem = reportedValueProblems(
        { measure: fields.measure, disaggregations: [] },
        fields.baselineValue,
        [],
      )[0];
      if (problem) errors.push({ field: 'baselineValue', message: problem.message });
    }
    if (
      fields.responsiblePartyCode !== null &&
      !plan.partyCodes.includes(fields.responsiblePartyCode)
    ) {
      errors.push({
        field: 'responsiblePartyCode',
        message: `is not a party of this plan (${plan.partyCodes.join(', ')})`,
      });
    }
    if (errors.length > 0) throw new InvalidInput(errors);
  }

  private async assertPlanActivities(planId: string, activityIds: string[]): Promise<void> {
    if (activityIds.length === 0) return;
    const found = await this.dataSource.manager.count(Activity, {
      where: { planId, id: In(activityIds) },
    });
    if (found !== activityIds.length) {
      throw InvalidInput.field('activityIds', 'must all be activities of this plan');
    }
  }

  private async linkActivities(
    em: EntityManager,
    indicatorId: string,
    activityIds: string[],
  ): Promise<void> {
    if (activityIds.length === 0) return;
    await em.insert(
      ResultIndicatorActivity,
      activityIds.map((activityId) => ({ indicatorId, activityId })),
    );
  }
}

/**
 * What objectives and indicators change alike, as an UPDATE's SET: the code, title, translations
 * (merged into the current ones, or cleared by null) and position the request names, nothing else.
 */
function namedChanges(
  dto: Pick<UpdateObjectiveDto, 'code' | 'title' | 'translations' | 'position'>,
  current: { translations: Translations },
) {
  return {
    ...(dto.code !== undefined && { code: dto.code }),
    ...(dto.title !== undefined && { title: dto.title }),
    ...(dto.translations !== undefined && {
      translations:
        dto.translations === null ? {} : mergeTranslations(current.translations, dto.translations),
    }),
    ...(dto.position !== undefined && { position: dto.position }),
  };
}
