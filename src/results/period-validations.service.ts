import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { PlanHistoryService } from '../action-plans/plan-history.service';
import type { Actor } from '../common/auth/actor';
import { canDefineResults } from '../common/auth/permissions';
import { Conflict, Forbidden } from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { UsersService } from '../users/users.service';
import { ResultPeriodValidation } from './result-period-validation.entity';
import { lockPlanPeriod, assertReportingPeriod } from './result-values.service';
import type { UserRef } from './result-views';

export interface PeriodValidationView {
  period: string;
  validatedAt: Date;
  validatedBy: UserRef;
}

/**
 * A programme manager validates a reporting period of a plan: its values are locked from then on (a
 * change needs a reason and is kept in the value's history). Reopening says why. Both are recorded in
 * the plan's history.
 */
@Injectable()
export class PeriodValidationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly planHistory: PlanHistoryService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** Validates the period; validating it again answers the validation as it stands. */
  async validate(actor: Actor, planId: string, period: string): Promise<PeriodValidationView> {
    const { plan } = await this.plans.findVisible(actor, planId);
    this.assertManager(actor);
    assertReportingPeriod(plan, period);
    const row = await this.dataSource.transaction(async (em) => {
      await lockPlanPeriod(em, planId, period);
      const existing = await em.findOneBy(ResultPeriodValidation, { planId, period });
      if (existing) return existing;
      const at = this.clock.now();
      const saved = await em.save(
        em.create(ResultPeriodValidation, {
          planId,
          period,
          validatedBy: actor.id,
          validatedAt: at,
        }),
      );
      await this.planHistory.record(em, planId, actor, 'results_period_validated', { period });
      return saved;
    });
    const names = await this.users.displayNames([row.validatedBy]);
    return {
      period: row.period,
      validatedAt: row.validatedAt,
      validatedBy: row.validatedBy
        ? { id: row.validatedBy, name: names.get(row.validatedBy) ?? null }
        : null,
    };
  }

  /** Reopens a validated period (409 when it is not validated); the reason goes to the plan's history. */
  async reopen(actor: Actor, planId: string, period: string, reason: string): Promise<void> {
    const { plan } = await this.plans.findVisible(actor, planId);
    this.assertManager(actor);
    assertReportingPeriod(plan, period);
    await this.dataSource.transaction(async (em) => {
      await lockPlanPeriod(em, planId, period);
      const result = await em.delete(ResultPeriodValidation, { planId, period });
      if (!result.affected) {
        throw new Conflict(`Period ${period} is not validated.`, 'Period not validated', {
          code: 'period_not_validated',
        });
      }
      await this.planHistory.record(em, planId, actor, 'results_period_reopened', {
        period,
        reason: reason.trim(),
      });
    });
  }

  private assertManager(actor: Actor): void {
    if (!canDefineResults(actor)) {
      throw new Forbidden('Only programme managers and admins validate or reopen a period.');
    }
  }
}
