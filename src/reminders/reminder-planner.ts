import { daysBetween, type CalendarDate } from '../common/time/calendar-date';
import type { SubjectType } from '../notifications/notification.entity';
import {
  isEscalated,
  leadTimeBucket,
  notificationMissingOccurrence,
  overdueOccurrence,
  type ReminderRules,
} from './reminder-rules';
import type { RuleKind } from '../notifications/notification-kinds';

/** Something with a date that reminders are about, with "today" in its own time zone. */
export interface DatedSubject {
  type: Exclude<SubjectType, 'digest' | 'account' | 'meeting'>;
  id: string;
  date: CalendarDate;
  today: CalendarDate;
  /** Parties whose focal points hear of it. */
  partyCodes: string[];
}

/** A reminder that is due now, before it is expanded to recipients and channels. */
export interface PlannedReminder {
  subjectType: DatedSubject['type'];
  subjectId: string;
  ruleKind: RuleKind;
  /** Part of the delivery key: the kind plus the lead time or overdue occurrence. */
  rule: string;
  dueOn: CalendarDate;
  escalated: boolean;
  partyCodes: string[];
  toProgrammeManagers: boolean;
}

/** The delivery key's rule of a lead-time reminder `daysLeft` days before the date, or null. */
export function leadTimeRule(
  ruleKind: RuleKind,
  daysBefore: number[],
  daysLeft: number,
): string | null {
  const bucket = leadTimeBucket(daysBefore, daysLeft);
  return bucket === null ? null : `${ruleKind}:${bucket}`;
}

/** "Due in N days" style reminders: the lead-time bucket today falls into, if any. */
export function planLeadTime(
  ruleKind: Exclude<RuleKind, 'activity_overdue' | 'weekly_digest'>,
  daysBefore: number[],
  subjects: DatedSubject[],
): PlannedReminder[] {
  return subjects.flatMap((s) => {
    const rule = leadTimeRule(ruleKind, daysBefore, daysBetween(s.today, s.date));
    if (rule === null) return [];
    return [
      {
        subjectType: s.type,
        subjectId: s.id,
        ruleKind,
        rule,
        dueOn: s.date,
        escalated: false,
        partyCodes: s.partyCodes,
        toProgrammeManagers: true,
      },
    ];
  });
}

/**
 * Overdue reminders go to the focal points; once the activity is overdue by more than the escalation
 * threshold they also go to the programme managers, marked escalated.
 */
export function planOverdue(rules: ReminderRules, activities: DatedSubject[]): PlannedReminder[] {
  return activities.flatMap((s) => {
    const occurrence = overdueOccurrence(
      rules.activityOverdue.everyDays,
      daysBetween(s.date, s.today),
    );
    if (occurrence === null) return [];
    const escalated = isEscalated(rules, occurrence);
    return [
      {
        subjectType: s.type,
        subjectId: s.id,
        ruleKind: 'activity_overdue' as const,
        rule: `activity_overdue:${occurrence}`,
        dueOn: s.date,
        escalated,
        partyCodes: s.partyCodes,
        toProgrammeManagers: escalated,
      },
    ];
  });
}

/**
 * Agreements awaiting notifications (date = signature, partyCodes = the parties that have not
 * notified): their focal points and the programme managers hear of it after signature, periodically.
 */
export function planNotificationMissing(
  rules: ReminderRules,
  agreements: DatedSubject[],
): PlannedReminder[] {
  return agreements.flatMap((s) => {
    const day = notificationMissingOccurrence(
      rules.notificationMissing,
      daysBetween(s.date, s.today),
    );
    if (day === null || s.partyCodes.length === 0) return [];
    return [
      {
        subjectType: s.type,
        subjectId: s.id,
        ruleKind: 'agreement_notification_missing' as const,
        rule: `agreement_notification_missing:${day}`,
        dueOn: s.date,
        escalated: false,
        partyCodes: s.partyCodes,
        toProgrammeManagers: true,
      },
    ];
  });
}
