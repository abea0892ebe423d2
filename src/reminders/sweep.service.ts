import { Injectable, Logger } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { Clock } from '../common/time/clock';
import {
  NotificationLifecycle,
  type HeldDeliveries,
} from '../notifications/notification-lifecycle';
import { DigestPlanner } from './digest/digest-planner';
import { NudgeSweep } from './nudges/nudge-sweep';
import { ResultsDueSweep } from './results-due/results-due-sweep';
import { ReminderCandidates } from './reminder-candidates';
import {
  planLeadTime,
  planNotificationMissing,
  planOverdue,
  PlannedReminder,
} from './reminder-planner';
import { expandToDeliveries, ReminderRecipients } from './reminder-recipients';
import { ReminderRulesService } from './reminder-rules.service';
import { leadRulesByDaysLeft, planningStamp } from './planned-through';
import { ReminderMarks } from './reminder-marks';

export interface SweepReport {
  at: string;
  tacitRenewals: number;
  /**
   * Reminders due now that no earlier sweep planned for the same audience (activities; the other kinds,
   * few by nature, are counted whenever due), by rule kind, before expansion to recipients.
   */
  planned: Record<string, number>;
  /** Deliveries those reminders expand to (recipient × channel). */
  deliveries: number;
  /** New rows: deliveries not planned by an earlier sweep. */
  inserted: number;
  enqueued: number;
  /**
   * New deliveries held until their recipient's sending window opens (mail waits for working hours in
   * the recipient's zone): how many, and the first and last instant they may go.
   */
  held: HeldDeliveries;
  /** Pending rows put back on the queue after the grace period. */
  requeued: number;
}

const maxLead = (days: number[]) => Math.max(0, ...days);

/**
 * One sweep: which reminders are due now and not yet planned (indexed range reads that skip what an
 * earlier sweep marked as planned, planned-through.ts), who gets them, insert the rows that are new,
 * enqueue them, and enqueue again what stayed pending too long. Safe to run concurrently from any
 * number of processes: the unique delivery key decides.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger('Sweep');

  constructor(
    private readonly agreements: AgreementsService,
    private readonly rulesService: ReminderRulesService,
    private readonly candidates: ReminderCandidates,
    private readonly recipients: ReminderRecipients,
    private readonly marks: ReminderMarks,
    private readonly notifications: NotificationLifecycle,
    private readonly digests: DigestPlanner,
    private readonly nudges: NudgeSweep,
    private readonly resultsDue: ResultsDueSweep,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SweepReport> {
    const tacitRenewals = await this.agreements.applyDueTacitRenewals();
    const now = this.clock.now();
    const [rules, audience] = await Promise.all([
      this.rulesService.current(),
      this.recipients.load(),
    ]);
    // Activities are read through their marks: only what no earlier sweep planned for this audience.
    const stamp = planningStamp(audience, rules);
    // Every read of the sweep at once: they are independent, and a steady-state sweep is nothing else.
    const [due, overdue, expiring, notices, plans, awaiting, denounced, nudges, reportRows] =
      await Promise.all([
        this.candidates.activitiesDueWithin(
          now,
          leadRulesByDaysLeft('activity_due', rules.activityDue.daysBefore),
          stamp,
        ),
        this.candidates.overdueActivities(now, rules.activityOverdue.everyDays, stamp),
        this.candidates.agreementsExpiringWithin(now, maxLead(rules.agreementExpiry.daysBefore)),
        this.candidates.noticeDeadlinesWithin(now, maxLead(rules.noticeDeadline.daysBefore)),
        this.candidates.plansEndingWithin(now, maxLead(rules.planExpiry.daysBefore)),
        this.candidates.agreementsAwaitingNotifications(now),
        this.candidates.denunciationsTakingEffectWithin(
          now,
          maxLead(rules.denunciationEffect.daysBefore),
        ),
        this.nudges.deliveries(now, rules.stagnation, audience),
        this.resultsDue.deliveries(now, rules.resultsReporting, audience),
      ]);
    const planned: PlannedReminder[] = [
      ...planLeadTime('activity_due', rules.activityDue.daysBefore, due),
      ...planOverdue(rules, overdue),
      ...planLeadTime('agreement_expiry', rules.agreementExpiry.daysBefore, expiring),
      ...planLeadTime('notice_deadline', rules.noticeDeadline.daysBefore, notices),
      ...planLeadTime('plan_expiry', rules.planExpiry.daysBefore, plans),
      ...planNotificationMissing(rules, awaiting),
      ...planLeadTime('denunciation_effect', rules.denunciationEffect.daysBefore, denounced),
    ];
    const rows = [...expandToDeliveries(planned, audience, now), ...nudges, ...reportRows];
    // The marks go in once the rows are, while the last jobs are still on their way to Redis.
    const { inserted, enqueued, held } = await this.notifications.plan(rows, () =>
      this.marks.record(planned, stamp),
    );
    const requeued = await this.notifications.requeueStale();
    const report: SweepReport = {
      at: now.toISOString(),
      tacitRenewals,
      planned: {
        ...countBy(planned.map((p) => p.ruleKind)),
        // Nudges are counted per meeting and lead time, like the other rules before expansion.
        ...(nudges.length > 0 && {
          stagnation_nudge: new Set(nudges.map((n) => `${n.subjectId}|${n.rule}`)).size,
        }),
        // Reporting reminders are counted per (plan, period, party, step) before expansion.
        ...countBy(
          [...new Set(reportRows.map((r) => `${r.ruleKind}|${r.subjectId}|${r.rule}`))].map(
            (k) => k.split('|')[0],
          ),
        ),
      },
      deliveries: rows.length,
      inserted,
      enqueued,
      held,
      requeued,
    };
    if (inserted > 0 || requeued > 0) {
      this.logger.log(`planned ${inserted} new deliveries, re-enqueued ${requeued}`);
    }
    return report;
  }

  /** Plans and enqueues the weekly digests that are due; answers how many were new. */
  async planDigests(): Promise<number> {
    const { enqueued } = await this.notifications.plan(await this.digests.dueDigests());
    return enqueued;
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
