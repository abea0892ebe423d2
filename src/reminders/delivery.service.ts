import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { daysBetween, todayIn } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { MailChannel } from '../notifications/channels/mail.channel';
import type { Notification } from '../notifications/notification.entity';
import { formatDate } from '../notifications/templates/locale-format';
import { REMINDER_CATALOGUES, ReminderFacts } from '../notifications/templates/reminder-messages';
import { renderMail, RenderedMail } from '../notifications/templates/render-mail';
import type { Locale } from '../users/user.entity';
import { WebhookSender } from '../webhooks/webhook-sender';
import { DigestContent } from './digest/digest-content';
import { isStillDue, ReminderSubjects, SubjectDetails } from './reminder-subjects';

export type DeliveryOutcome = 'sent' | 'cancelled' | 'already-done';

/** Another worker holds the row's lease; BullMQ retries the job later. */
export class DeliveryBusy extends Error {}

interface RecipientUser {
  email: string;
  locale: Locale;
  timeZone: string;
  active: boolean;
}

/**
 * Sends one notification row, at most once per success: a lease on the row (not just BullMQ's lock)
 * keeps a second job for the same row from sending while the first is in flight, and the row is
 * marked sent in the same breath as the channel confirms.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Delivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly subjects: ReminderSubjects,
    private readonly digests: DigestContent,
    private readonly mail: MailChannel,
    private readonly webhooks: WebhookSender,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(notificationId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const row = await this.claim(notificationId);
    if (!row) return 'already-done';
    try {
      // A subscription deleted since planning: nothing to retry.
      if (row.channel === 'webhook' && !(await this.webhookActive(row.recipientId))) {
        await this.finish(row.id, 'cancelled');
        return 'cancelled';
      }
      const sent = await this.send(row);
      if (!sent) {
        await this.finish(row.id, 'cancelled');
        return 'cancelled';
      }
      await this.finish(row.id, 'sent');
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE notifications SET last_error = $2, locked_until = NULL,
                status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
          WHERE id = $1`,
        [row.id, message.slice(0, 2000), finalAttempt],
      );
      this.logger.warn(`notification ${row.id} attempt ${row.attempts} failed: ${message}`);
      throw error;
    }
  }

  /** Takes the row's lease; null when it is no longer pending. */
  private async claim(id: string): Promise<Notification | null> {
    // For an UPDATE, TypeORM's query() answers [rows, rowCount].
    const [claimed] = (await this.dataSource.query(
      `UPDATE notifications
          SET attempts = attempts + 1, locked_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND status = 'pending' AND (locked_until IS NULL OR locked_until < now())
        RETURNING id, subject_type AS "subjectType", subject_id AS "subjectId", rule,
                  rule_kind AS "ruleKind", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
                  recipient_type AS "recipientType", recipient_id AS "recipientId",
                  channel, escalated, attempts`,
      [id, this.config.DELIVERY_LOCK_MS / 1000],
    )) as [Notification[], number];
    if (claimed.length > 0) return claimed[0];
    const [current] = await this.dataSource.query<{ status: string }[]>(
      'SELECT status FROM notifications WHERE id = $1',
      [id],
    );
    if (current?.status === 'pending') throw new DeliveryBusy(`notification ${id} is leased`);
    return null;
  }

  private async finish(id: string, status: 'sent' | 'cancelled'): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET status = $2::varchar, locked_until = NULL, last_error = NULL,
              sent_at = CASE WHEN $2::varchar = 'sent' THEN $3::timestamptz ELSE NULL END
        WHERE id = $1`,
      [id, status, this.clock.now().toISOString()],
    );
  }

  /** False when the reminder no longer applies (subject closed, date moved, recipient gone). */
  private async send(row: Notification): Promise<boolean> {
    if (row.subjectType === 'digest') {
      const user = await this.recipient(row.recipientId);
      if (!user) return false;
      const mail = await this.digests.render(user.locale, user.timeZone, row.dueOn);
      await this.mail.send(user.email, mail, row.id);
      return true;
    }
    const subject = await this.subjects.describe(row);
    if (!isStillDue(row, subject)) return false;
    if (row.channel === 'webhook') {
      await this.webhooks.send(row.recipientId, row.ruleKind, row.id, {
        id: row.id,
        event: row.ruleKind,
        rule: row.rule,
        dueOn: row.dueOn,
        escalated: row.escalated,
        subject: { type: row.subjectType, id: row.subjectId, title: subject!.title },
        sentAt: this.clock.now().toISOString(),
      });
      return true;
    }
    const user = await this.recipient(row.recipientId);
    if (!user) return false;
    await this.mail.send(user.email, this.renderReminder(row, subject!, user), row.id);
    return true;
  }

  private renderReminder(
    row: Notification,
    subject: SubjectDetails,
    user: RecipientUser,
  ): RenderedMail {
    const today = todayIn(user.timeZone, this.clock.now());
    const facts: ReminderFacts = {
      ruleKind: row.ruleKind as ReminderFacts['ruleKind'],
      title: subject.title,
      context: subject.context,
      date: formatDate(row.dueOn, user.locale),
      days: Math.max(
        0,
        row.ruleKind === 'activity_overdue'
          ? daysBetween(row.dueOn, today)
          : daysBetween(today, row.dueOn),
      ),
      escalated: row.escalated,
      renewalMode: subject.renewalMode,
    };
    const words = REMINDER_CATALOGUES[user.locale](facts);
    return renderMail(user.locale, {
      subject: words.subject,
      blocks: words.lines,
      link: {
        label: words.open,
        href: `${this.config.PUBLIC_URL}/?lang=${user.locale}#${subject.anchor}`,
      },
      footer: words.footer,
    });
  }

  private async webhookActive(id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM webhook_subscriptions WHERE id = $1 AND active',
      [id],
    );
    return rows.length > 0;
  }

  private async recipient(userId: string): Promise<RecipientUser | null> {
    const [user] = await this.dataSource.query<RecipientUser[]>(
      `SELECT email, locale, time_zone AS "timeZone", active FROM users WHERE id = $1`,
      [userId],
    );
    return user?.active ? user : null;
  }
}
