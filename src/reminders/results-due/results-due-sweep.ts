import { Injectable } from '@nestjs/common';
import type { NewNotification } from '../../notifications/notification-lifecycle';
import type { Audience } from '../reminder-recipients';
import { dueReports, resultsDueDeliveries } from './results-due-planner';
import type { ResultsReportingRules } from './results-due-rules';
import { ReportingGaps } from './reporting-gaps';

/**
 * The sweep's share for reporting-due reminders: plans with indicators whose reports may be due, the
 * periods with a reminder due today in each plan's zone, then which parties still owe values for just
 * those periods. Two small reads whatever the number of plans and values.
 */
@Injectable()
export class ResultsDueSweep {
  constructor(private readonly gaps: ReportingGaps) {}

  async deliveries(
    now: Date,
    rules: ResultsReportingRules,
    audience: Audience,
  ): Promise<NewNotification[]> {
    const plans = await this.gaps.plans(now, rules.graceDays, Math.max(0, ...rules.daysBefore));
    const due = dueReports(plans, rules);
    const missing = await this.gaps.missingParties(due);
    return due.flatMap((report) =>
      resultsDueDeliveries(
        report,
        missing.get(`${report.planId}|${report.period}`) ?? [],
        audience,
        now,
      ),
    );
  }
}
