import { Injectable } from '@nestjs/common';
import type { ActionPlanView } from '../action-plans/action-plan-view';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { ActivitiesService } from './activities.service';
import type { ExportCellsRow } from './activity-export-sql';
import { ActivityQueries } from './activity-queries';
import type { ActivityView } from './activity-view';
import { ListActivitiesQuery } from './dto/list-activities.query';
import type { Actor } from '../common/auth/actor';
import { InvalidInput } from '../common/errors/domain-errors';
import type { CalendarDate } from '../common/time/calendar-date';
import type { ListActivitiesQuery as Filters } from './dto/list-activities.query';

/** One export stays one query; a plan this large would rather be filtered. */
export const MAX_EXPORT_ROWS = 10_000;

export interface PlanActivities {
  plan: ActionPlanView;
  activities: ActivityView[];
  /** Today in the plan's time zone, which decides `overdue`. */
  today: CalendarDate;
}

export interface PlanActivityCells {
  plan: ActionPlanView;
  rows: ExportCellsRow[];
  today: CalendarDate;
}

/**
 * A plan and its filtered activities, all of them, through the same service and filters as
 * `GET /action-plans/:id/activities`, so an export never shows more (or other) rows than the list.
 */
@Injectable()
export class PlanActivitiesReader {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly activities: ActivitiesService,
    private readonly queries: ActivityQueries,
  ) {}

  async read(
    actor: Actor,
    planId: string,
    filters: Omit<Partial<Filters>, 'page' | 'pageSize'> = {},
  ): Promise<PlanActivities> {
    const { plan, today } = await this.visiblePlan(actor, planId);
    const query = Object.assign(new ListActivitiesQuery(), filters, {
      page: 1,
      pageSize: MAX_EXPORT_ROWS,
    });
    const page = await this.activities.listForPlan(actor, planId, query);
    if (page.total > page.items.length) {
      throw tooMany(page.total);
    }
    return { plan, activities: page.items, today };
  }

  /**
   * The same rows as `read`, as their spreadsheet cells straight from the statement (the CSV export):
   * the plan's read, then one statement for the rows; a count only to word the refusal of too many.
   */
  async readCells(
    actor: Actor,
    planId: string,
    filters: Omit<Partial<Filters>, 'page' | 'pageSize'> = {},
  ): Promise<PlanActivityCells> {
    const { plan, today } = await this.visiblePlan(actor, planId);
    const rows = await this.queries.exportCellsForPlan(planId, filters, today, MAX_EXPORT_ROWS + 1);
    if (rows.length > MAX_EXPORT_ROWS) {
      const total = await this.queries.countForPlan(planId, filters, today);
      throw tooMany(total);
    }
    return { plan, rows, today };
  }

  /** The plan as `actor` may see it (404 otherwise) and today in its time zone, which decides `overdue`. */
  private async visiblePlan(
    actor: Actor,
    planId: string,
  ): Promise<{ plan: ActionPlanView; today: CalendarDate }> {
    const plan = await this.plans.get(actor, planId);
    return { plan, today: this.plans.todayFor(plan) };
  }
}

function tooMany(total: number): InvalidInput {
  return InvalidInput.field(
    'filters',
    `${total} activities match; narrow the filters to ${MAX_EXPORT_ROWS} or fewer`,
  );
}
