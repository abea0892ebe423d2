import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { agreementScope } from '../common/auth/permissions';
import { agreementScopeSql } from '../common/auth/scope-sql';
import { preparedQuery } from '../database/prepared';
import { columnsSql, pickFields } from '../database/sql-columns';
import type { ActionPlan } from './action-plan.entity';

/** ActionPlan property → column, in the entity's declaration order. */
export const ACTION_PLAN_COLUMNS = {
  id: 'id',
  agreementId: 'agreement_id',
  title: 'title',
  translations: 'translations',
  partyCodes: 'party_codes',
  startsOn: 'starts_on',
  durationMonths: 'duration_months',
  endsOn: 'ends_on',
  renewable: 'renewable',
  timeZone: 'time_zone',
  previousPlanId: 'previous_plan_id',
  packLanguages: 'pack_languages',
  reportingFrequency: 'reporting_frequency',
  version: 'version',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof ActionPlan, string>;

const PLAN_FIELDS = Object.keys(ACTION_PLAN_COLUMNS);
const PLAN_DATES: ReadonlySet<string> = new Set(['startsOn', 'endsOn']);
const COLUMNS = columnsSql('p', ACTION_PLAN_COLUMNS, PLAN_DATES);

/** A plan together with the party codes of its agreement, which decide who may read it. */
export interface VisiblePlan {
  plan: ActionPlan;
  agreementPartyCodes: string[];
}

/**
 * The plans' hand-written statements (a repository in the Immich sense): the visibility read every
 * plan route and every activity list starts with, scoped in SQL (common/auth/scope-sql.ts), and the
 * renewal lock every activity write takes.
 */
@Injectable()
export class ActionPlanQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The plan if the actor may read its agreement; null otherwise. One statement. */
  async findVisible(actor: Actor, id: string): Promise<VisiblePlan | null> {
    const params: unknown[] = [id];
    const scope = agreementScopeSql(agreementScope(actor), 'ag', params);
    const rows = await preparedQuery<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT ${COLUMNS}, ag.party_codes AS "agreementPartyCodes"
         FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
        WHERE p.id = $1 AND ${scope}`,
      params,
    );
    const row = rows[0];
    if (!row) return null;
    return {
      plan: pickFields<ActionPlan>(row, PLAN_FIELDS),
      agreementPartyCodes: row.agreementPartyCodes as string[],
    };
  }

  /**
   * A share lock on the plan row until `em`'s transaction ends (see
   * ActionPlansService.holdAgainstRenewal for why).
   */
  async holdAgainstRenewal(em: EntityManager, planId: string): Promise<void> {
    await preparedQuery(em, 'SELECT p.id FROM action_plans p WHERE p.id = $1 FOR SHARE', [planId]);
  }
}
