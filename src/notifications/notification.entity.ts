import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
/**
 * `account`: an invitation or password-reset mail, whose subject is the account_tokens row.
 * `meeting`: a stagnation nudge before a committee meeting (committee_meetings row).
 */
export type SubjectType = 'activity' | 'agreement' | 'plan' | 'digest' | 'account' | 'meeting';
/** How a notification travels. The weekly digest is a kind of message sent by email, not a channel. */
export type ChannelKind = 'email' | 'webhook';

/**
 * One row per delivery. Unique on (subject, rule, due date, recipient, channel): the sweep inserts with
 * ON CONFLICT DO NOTHING, which is what makes a reminder go out once however many sweeps run.
 */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType: SubjectType;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** e.g. `activity_due:7`, `activity_overdue:3` (third occurrence), `agreement_expiry:180`. */
  @Column({ type: 'varchar', length: 64 })
  rule: string;

  @Column({ name: 'rule_kind', type: 'varchar', length: 32 })
  ruleKind: string;

  /** The subject's date the reminder is about (due date, expiry, notice deadline, digest week). */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: CalendarDate;

  @Column({ name: 'recipient_type', type: 'varchar', length: 16 })
  recipientType: 'user' | 'webhook';

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  /** The address at planning time (email, or webhook URL), for reading the list. */
  @Column({ name: 'recipient_address', type: 'varchar', length: 2048 })
  recipientAddress: string;

  @Column({ type: 'varchar', length: 16 })
  channel: ChannelKind;

  @Column({ type: 'boolean', default: false })
  escalated: boolean;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Not delivered before this instant: mail waits for the recipient's working hours. */
  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore: Date;

  /** Lease held by the worker delivering it; outlives the slowest send (see deliveryLeaseProblem). */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /**
   * Fencing token of the current lease, new at every claim: only the holder of this token may mark the
   * row sent or failed, so a worker whose lease expired mid-send cannot overwrite a later attempt.
   */
  @Column({ name: 'lease_token', type: 'uuid', nullable: true, select: false })
  leaseToken: string | null;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
