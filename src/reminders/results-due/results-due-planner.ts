import type { CalendarDate } from '../../common/time/calendar-date';
import { sendingTimesAt } from '../../common/time/sending-window';
import type { NewNotification } from '../../notifications/notification-lifecycle';
import { reportDueOn, type PeriodKey } from '../../results/reporting-periods';
import { type Audience, deliveriesOf } from '../reminder-recipients';
import {
  resultsReminderDue,
  resultsRule,
  type ResultsReportingRules,
  type ResultsRuleKind,
} from './results-due-rules';

/** A plan that has indicators, with its reporting periods and "today" in its time zone. */
export interface ReportingPlan {
  id: string;
  periods: PeriodKey[];
  today: CalendarDate;
}

/** A period whose report has a reminder due today (before knowing who is missing what). */
export interface DueReport {
  planId: string;
  period: PeriodKey;
  dueOn: CalendarDate;
  kind: ResultsRuleKind;
  step: number;
}

/** The periods of these plans whose report has a reminder due today, by the rules. */
export function dueReports(
  plans: readonly ReportingPlan[],
  rules: ResultsReportingRules,
): DueReport[] {
  return plans.flatMap((plan) =>
    plan.periods.flatMap((period) => {
      const dueOn = reportDueOn(period, rules.graceDays);
      const due = resultsReminderDue(rules, dueOn, plan.today);
      return due ? [{ planId: plan.id, period, dueOn, ...due }] : [];
    }),
  );
}

/**
 * One delivery per (plan, period, party still missing values, step, recipient, channel): to each focal
 * point of that party, and to each webhook subscribed to the kind. Programme managers are not reminded:
 * reporting is the countries' task, and the managers see what is missing on the plan's results screen.
 * Mail waits for the recipient's working hours; webhooks go at once.
 */
export function resultsDueDeliveries(
  report: DueReport,
  missingParties: readonly string[],
  audience: Audience,
  now: Date,
): NewNotification[] {
  const sendAt = sendingTimesAt(now);
  return missingParties.flatMap((partyCode) =>
    deliveriesOf(
      {
        subjectType: 'plan',
        subjectId: report.planId,
        rule: resultsRule(report.kind, report.period, partyCode, report.step),
        ruleKind: report.kind,
        dueOn: report.dueOn,
        escalated: false,
      },
      audience,
      (user) => user.role === 'focal_point' && user.partyCode === partyCode,
      sendAt,
      now,
    ),
  );
}
