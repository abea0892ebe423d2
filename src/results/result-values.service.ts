import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ActionPlan } from '../action-plans/action-plan.entity';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { canReportResults } from '../common/auth/permissions';
import { Forbidden, InvalidInput, NotFound, VersionConflict } from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { UsersService } from '../users/users.service';
import type { PutResultValueDto } from './dto/result-value.dto';
import { periodsOfPlan } from './reporting-periods';
import { ResultIndicator } from './result-indicator.entity';
import { ResultPeriodValidation } from './result-period-validation.entity';
import { ResultValueEvidence } from './result-value-evidence.entity';
import { ResultValueHistory } from './result-value-history.entity';
import { ResultValue } from './result-value.entity';
import { PeriodValidated, ResultValueRejected } from './results-errors';
import {
  type ResultValueView,
  toEvidenceFileView,
  toResultValueView,
  toValueHistoryView,
  type ValueHistoryView,
} from './result-views';
import {
  type BreakdownItem,
  canonical,
  changeNeedsReason,
  reportedValueProblems,
  sameReport,
} from './value-rules';

/**
 * Writes to one plan and period take turns (value changes and the period's validation), so a change
 * cannot slip past a validation that commits meanwhile without its reason.
 */
export async function lockPlanPeriod(em: EntityManager, planId: string, period: string) {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`results:${planId}:${period}`]);
}

/**
 * Actual values, reported by a party's focal point for its own party (403 for another party) or by a
 * programme manager for any; read by whoever reads the plan (404 otherwise). Every change leaves a
 * history row; once the period is validated, a change needs a reason.
 */
@Injectable()
export class ResultValuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async put(actor: Actor, planId: string, dto: PutResultValueDto): Promise<ResultValueView> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const indicator = await this.dataSource.manager.findOneBy(ResultIndicator, {
      id: dto.indicatorId,
      planId,
    });
    if (!indicator) throw InvalidInput.field('indicatorId', 'is not an indicator of this plan');
    if (!plan.partyCodes.includes(dto.partyCode)) {
      throw InvalidInput.field(
        'partyCode',
        `is not a party of this plan (${plan.partyCodes.join(', ')})`,
      );
    }
    if (!canReportResults(actor, dto.partyCode)) {
      throw new Forbidden(
        `Only the focal point of ${dto.partyCode} (or a programme manager) reports ${dto.partyCode}'s values.`,
      );
    }
    assertReportingPeriod(plan, dto.period);
    const breakdown = (dto.breakdown ?? []).map((item) => canonical(item as BreakdownItem));
    const problems = reportedValueProblems(indicator, dto.value, breakdown);
    if (problems.length > 0) throw new ResultValueRejected(problems);
    const next = { value: dto.value, breakdown, note: dto.note?.trim() || null };

    const saved = await this.dataSource.transaction(async (em) => {
      await lockPlanPeriod(em, planId, dto.period);
      const validated = await em.existsBy(ResultPeriodValidation, { planId, period: dto.period });
      const existing = await em.findOne(ResultValue, {
        where: { indicatorId: indicator.id, period: dto.period, partyCode: dto.partyCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (dto.version !== undefined && dto.version !== (existing?.version ?? 0)) {
        throw new VersionConflict('Result value', dto.version, existing?.version ?? 0);
      }
      if (existing && sameReport(existing, next)) return existing;
      if (changeNeedsReason(validated, dto.reason)) throw new PeriodValidated(dto.period);
      const at = this.clock.now();
      const row = existing
        ? await overwriteResultValue(em, existing.id, next, actor, at)
        : await em.save(
            em.create(ResultValue, {
              indicatorId: indicator.id,
              planId,
              period: dto.period,
              partyCode: dto.partyCode,
              ...next,
              reportedBy: actor.id,
              reportedAt: at,
            }),
          );
      await em.insert(ResultValueHistory, {
        valueId: row.id,
        actorId: actor.id,
        actorEmail: actor.email,
        at,
        fromValue: existing?.value ?? null,
        toValue: next.value,
        fromBreakdown: existing?.breakdown ?? null,
        toBreakdown: next.breakdown,
        fromNote: existing?.note ?? null,
        toNote: next.note,
        reason: dto.reason?.trim() || null,
        periodValidated: validated,
      });
      return row;
    });
    return this.view(saved);
  }

  /** Every change of a value, oldest first. */
  async history(
    actor: Actor,
    planId: string,
    valueId: string,
  ): Promise<{ items: ValueHistoryView[] }> {
    await this.plans.findVisible(actor, planId);
    await this.valueOf(planId, valueId);
    const rows = await this.dataSource.manager.find(ResultValueHistory, {
      where: { valueId },
      order: { at: 'ASC', id: 'ASC' },
    });
    const names = await this.users.displayNames(rows.map((r) => r.actorId));
    return { items: rows.map((r) => toValueHistoryView(r, names)) };
  }

  /** A value of the plan, or NotFound (the plan itself was checked by the caller). */
  async valueOf(planId: string, valueId: string): Promise<ResultValue> {
    const value = await this.dataSource.manager.findOneBy(ResultValue, { id: valueId, planId });
    if (!value) throw new NotFound('Result value', valueId);
    return value;
  }

  private async view(value: ResultValue): Promise<ResultValueView> {
    const [locked, evidence] = await Promise.all([
      this.dataSource.manager.existsBy(ResultPeriodValidation, {
        planId: value.planId,
        period: value.period,
      }),
      this.dataSource.manager.find(ResultValueEvidence, {
        where: { valueId: In([value.id]) },
        order: { uploadedAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const names = await this.users.displayNames([
      value.reportedBy,
      ...evidence.map((e) => e.uploadedBy),
    ]);
    return toResultValueView(
      value,
      names,
      locked,
      evidence.map((e) => toEvidenceFileView(e, names)),
    );
  }
}

/**
 * Writes a reported value over the stored one (new value, breakdown, note, reporter; version + 1) and
 * answers the row as stored. Shared by the API's PUT and the file import, which run it in their own
 * transaction after the period lock and version checks.
 */
export async function overwriteResultValue(
  em: EntityManager,
  id: string,
  next: { value: number; breakdown: BreakdownItem[]; note: string | null },
  actor: Actor,
  at: Date,
): Promise<ResultValue> {
  await em
    .createQueryBuilder()
    .update(ResultValue)
    .set({
      value: next.value,
      breakdown: () => ':breakdown::jsonb',
      note: next.note,
      reportedBy: actor.id,
      reportedAt: at,
      version: () => 'version + 1',
    })
    .setParameter('breakdown', JSON.stringify(next.breakdown))
    .where('id = :id', { id })
    .execute();
  return em.findOneByOrFail(ResultValue, { id });
}

/** The plan's reporting periods at its frequency; anything else is the caller's mistake (400). */
export function assertReportingPeriod(plan: ActionPlan, period: string): void {
  const periods = periodsOfPlan(plan.startsOn, plan.endsOn, plan.reportingFrequency);
  if (!periods.includes(period)) {
    throw InvalidInput.field(
      'period',
      `is not a reporting period of this plan (${periods.join(', ')})`,
    );
  }
}
