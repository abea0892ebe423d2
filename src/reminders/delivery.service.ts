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
import type { Actor } from '../common/auth/actor';
import { UsersService } from '../users/users.service';
import { WebhookGone, WebhookSender } from '../webhooks/webhook-sender';
import { DigestContent } from './digest/digest-content';
import { isStillDue, ReminderSubjects, SubjectDetails } from './reminder-subjects';

export type DeliveryOutcome = 'sent' | 'cancelled' | 'already-done';

/** Another worker holds the row's lease; BullMQ retries the job later. */
export class DeliveryBusy extends Error {}

/** The recipient as it is now (role, party, language, zone), not as it was when planned. */
type RecipientUser = Actor;

/** Managers hear of everything planned for them; a focal point only of its own party's subjects. */
function isConcerned(user: RecipientUser, subject: SubjectDetails): boolean {
  if (user.role === 'programme_manager') return true;
  return (
    user.role === 'focal_point' &&
    user.partyCode !== null &&
    subject.partyCodes.includes(user.partyCode)
  );
}

async function retry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200 * i));
    }
  }
}

/**
 * Sends one notification row. A lease on the row (not only BullMQ's job lock) keeps a second job for the
 * same row from sending while the first is in flight. Delivery is at least once: a crash between the
 * channel's confirmation and marking the row sent repeats that one message when the row is retried,
 * which is why webhook calls carry the row id as `Idempotency-Key`.
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
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async deliver(notificationId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const row = await this.claim(notificationId);
    if (!row) return 'already-done';
    let outcome: 'sent' | 'cancelled';
    try {
      outcome = (await this.send(row)) ? 'sent' : 'cancelled';
    } catch (error) {
      if (!(error instanceof WebhookGone)) {
        await this.recordFailure(row, error, finalAttempt);
        throw error;
      }
      outcome = 'cancelled'; // the subscription was removed since planning: nothing to retry
    }
    // Only the send is retried by BullMQ; marking the row is retried here, so that a brief database
    // hiccup after a successful send does not send the message again.
    await retry(() => this.finish(row.id, outcome));
    return outcome;
  }

  private async recordFailure(row: Notification, error: unknown, finalAttempt: boolean) {
    const message = error instanceof Error ? error.message : String(error);
    await this.dataSource.query(
      `UPDATE notifications SET last_error = $2, locked_until = NULL,
              status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
        WHERE id = $1`,
      [row.id, message.slice(0, 2000), finalAttempt],
    );
    this.logger.warn(`notification ${row.id} attempt ${row.attempts} failed: ${message}`);
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

  /**
   * False when the reminder no longer applies: subject closed or its date moved, recipient deactivated
   * or no longer concerned (moved to another party), or a lead-time reminder held for working hours
   * until its date had passed (the overdue reminder takes over).
   */
  private async send(row: Notification): Promise<boolean> {
    if (row.subjectType === 'digest') {
      const user = await this.recipient(row.recipientId);
      if (!user || user.role !== 'programme_manager') return false;
      const mail = await this.digests.render(user.locale, user.timeZone, row.dueOn);
      await this.mail.send(user.email, mail, row.id);
      return true;
    }
    const subject = await this.subjects.describe(row);
    if (!subject || !isStillDue(row, subject)) return false;
    if (row.channel === 'webhook') {
      await this.webhooks.send(row.recipientId, row.ruleKind, row.id, {
        id: row.id,
        event: row.ruleKind,
        rule: row.rule,
        dueOn: row.dueOn,
        escalated: row.escalated,
        subject: { type: row.subjectType, id: row.subjectId, title: subject.title },
        sentAt: this.clock.now().toISOString(),
      });
      return true;
    }
    const user = await this.recipient(row.recipientId);
    if (!user || !isConcerned(user, subject)) return false;
    const today = todayIn(user.timeZone, this.clock.now());
    if (row.ruleKind !== 'activity_overdue' && daysBetween(today, row.dueOn) < 0) return false;
    await this.mail.send(user.email, this.renderReminder(row, subject, user, today), row.id);
    return true;
  }

  private renderReminder(
    row: Notification,
    subject: SubjectDetails,
    user: RecipientUser,
    today: string,
  ): RenderedMail {
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

  /** Null when the account was deactivated since the reminder was planned. */
  private recipient(userId: string): Promise<RecipientUser | null> {
    return this.users.loadActor(userId);
  }
}
