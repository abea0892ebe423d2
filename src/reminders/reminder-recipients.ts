import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sendingTimesAt } from '../common/time/sending-window';
import type { NewNotification } from '../notifications/notification-lifecycle';
import type { PlannedReminder } from './reminder-planner';

export interface Recipient {
  id: string;
  email: string;
  role: 'focal_point' | 'programme_manager';
  partyCode: string | null;
  timeZone: string;
}

interface WebhookTarget {
  id: string;
  url: string;
  events: string[];
}

/** Who may receive reminders, read once per sweep (a few rows, whatever the size of the plans). */
export interface Audience {
  users: Recipient[];
  /** `${userId}|${ruleKind}|${channel}` of channels users switched off. */
  switchedOff: Set<string>;
  webhooks: WebhookTarget[];
}

@Injectable()
export class ReminderRecipients {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(): Promise<Audience> {
    const [users, prefs, webhooks] = await Promise.all([
      this.dataSource.query<Recipient[]>(
        `SELECT id, email, role, party_code AS "partyCode", time_zone AS "timeZone"
           FROM users WHERE active AND role IN ('focal_point', 'programme_manager')`,
      ),
      this.dataSource.query<{ userId: string; ruleKind: string; channel: string }[]>(
        `SELECT user_id AS "userId", rule_kind AS "ruleKind", channel
           FROM notification_preferences WHERE NOT enabled`,
      ),
      this.dataSource.query<WebhookTarget[]>(
        `SELECT id, url, events FROM webhook_subscriptions WHERE active`,
      ),
    ]);
    return {
      users,
      switchedOff: new Set(prefs.map((p) => `${p.userId}|${p.ruleKind}|${p.channel}`)),
      webhooks,
    };
  }
}

/** What every delivery of one reminder shares, whoever receives it. */
export type DeliveryBase = Omit<
  NewNotification,
  'recipientType' | 'recipientId' | 'recipientAddress' | 'channel' | 'notBefore'
>;

/**
 * The deliveries of one reminder: a mail to each user `concerned` who has not switched its kind off,
 * at the recipient's working hours (`sendAt`, one computation per zone per sweep), and a webhook call
 * at once to each webhook subscribed to the kind. Every planner fans out through here.
 */
export function deliveriesOf(
  base: DeliveryBase,
  audience: Audience,
  concerned: (user: Recipient) => boolean,
  sendAt: (timeZone: string) => Date,
  now: Date,
): NewNotification[] {
  const rows: NewNotification[] = [];
  for (const user of audience.users) {
    if (!concerned(user) || audience.switchedOff.has(`${user.id}|${base.ruleKind}|email`)) continue;
    rows.push({
      ...base,
      recipientType: 'user',
      recipientId: user.id,
      recipientAddress: user.email,
      channel: 'email',
      notBefore: sendAt(user.timeZone),
    });
  }
  for (const hook of audience.webhooks) {
    if (!hook.events.includes(base.ruleKind)) continue;
    rows.push({
      ...base,
      recipientType: 'webhook',
      recipientId: hook.id,
      recipientAddress: hook.url,
      channel: 'webhook',
      notBefore: now,
    });
  }
  return rows;
}

/**
 * One row per (reminder, recipient, channel): the focal points of the parties concerned, the programme
 * managers when the rule says so, and each webhook subscribed to the rule kind.
 */
export function expandToDeliveries(
  planned: PlannedReminder[],
  audience: Audience,
  now: Date,
): NewNotification[] {
  const sendAt = sendingTimesAt(now); // one sending time per zone, not per delivery
  return planned.flatMap((reminder) =>
    deliveriesOf(
      {
        subjectType: reminder.subjectType,
        subjectId: reminder.subjectId,
        rule: reminder.rule,
        ruleKind: reminder.ruleKind,
        dueOn: reminder.dueOn,
        escalated: reminder.escalated,
      },
      audience,
      (user) =>
        user.role === 'programme_manager'
          ? reminder.toProgrammeManagers
          : user.partyCode !== null && reminder.partyCodes.includes(user.partyCode),
      sendAt,
      now,
    ),
  );
}
