import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import type { CalendarDate } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { preparedQuery } from '../database/prepared';
import { DeliveryQueue, type QueuedRow } from './delivery-queue';
import type { ChannelKind, Notification, SubjectType } from './notification.entity';

/** Rows per INSERT: one statement, one round trip, one addBulk of jobs behind it. */
const INSERT_CHUNK = 1000;

/**
 * Adds chunks of jobs one after the other, in the background of the caller's next insert; after the
 * first failure (Redis gone) the rest is not tried. Never rejects: the caller reads `failure` once
 * `settled()`, and `enqueued` counts the rows, in order, whose jobs were added.
 */
class QueueInOrder {
  enqueued = 0;
  failure: unknown = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly queue: DeliveryQueue) {}

  add(rows: QueuedRow[]): void {
    if (rows.length === 0) return;
    this.tail = this.tail.then(async () => {
      if (this.failure !== null) return;
      try {
        await this.queue.add(rows);
        this.enqueued += rows.length;
      } catch (error) {
        this.failure = error;
      }
    });
  }

  settled(): Promise<void> {
    return this.tail;
  }
}

/** A delivery someone wants made: what it is about, to whom, by which channel, not before when. */
export interface NewNotification {
  subjectType: SubjectType;
  subjectId: string;
  rule: string;
  ruleKind: string;
  dueOn: CalendarDate;
  escalated: boolean;
  recipientType: 'user' | 'webhook';
  recipientId: string;
  recipientAddress: string;
  channel: ChannelKind;
  notBefore: Date;
}

/** Exactly the fields insertNew reads (callers' rows may carry more), notBefore as an ISO instant. */
function deliveryJson(r: NewNotification): Record<keyof NewNotification, unknown> {
  return {
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    rule: r.rule,
    ruleKind: r.ruleKind,
    dueOn: r.dueOn,
    escalated: r.escalated,
    recipientType: r.recipientType,
    recipientId: r.recipientId,
    recipientAddress: r.recipientAddress,
    channel: r.channel,
    notBefore: r.notBefore.toISOString(),
  };
}

/** The row as delivery sees it once claimed. */
export type ClaimedNotification = Pick<
  Notification,
  | 'id'
  | 'subjectType'
  | 'subjectId'
  | 'rule'
  | 'ruleKind'
  | 'dueOn'
  | 'recipientType'
  | 'recipientId'
  | 'channel'
  | 'escalated'
  | 'attempts'
>;

/** A held lease: the row and the fencing token only this holder knows. */
export interface Claim {
  row: ClaimedNotification;
  token: string;
}

/** Another worker holds the row's lease; BullMQ retries the job later. */
export class DeliveryBusy extends Error {}

export interface PlanResult {
  inserted: number;
  enqueued: number;
  /** New deliveries waiting for their recipient's sending window (working hours), and until when. */
  held: HeldDeliveries;
}

export interface HeldDeliveries {
  count: number;
  /** When the first held delivery may go (ISO instant); null when none is held. */
  earliest: string | null;
  /** When the last one may go. */
  latest: string | null;
}

/** Which of `rows` may not go before a later instant than `now`. */
export function heldDeliveries(rows: { notBefore: Date }[], now: Date): HeldDeliveries {
  const held = rows
    .map((r) => r.notBefore.getTime())
    .filter((t) => t > now.getTime())
    .sort((a, b) => a - b);
  return {
    count: held.length,
    earliest: held.length > 0 ? new Date(held[0]).toISOString() : null,
    latest: held.length > 0 ? new Date(held[held.length - 1]).toISOString() : null,
  };
}

/**
 * The whole life of a notification row, and the only code that writes the table: plan (insert and
 * enqueue), claim (a lease with a fencing token), finish (sent, cancelled or failed, only by the
 * lease's holder) and requeue (rows whose job was lost). Callers decide what is due and what it says.
 */
@Injectable()
export class NotificationLifecycle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Inserts the deliveries that are new and enqueues them; known keys are left alone. `whenInserted`
   * runs once every row is in (the sweep records its marks then), while the last jobs are still being
   * enqueued. The two stores work side by side: each chunk goes to Redis while PostgreSQL inserts the
   * next one (a first sweep at 1M activities inserts ~70k rows; one after the other, inserts then
   * enqueues then the marks took 12 s).
   */
  async plan(rows: NewNotification[], whenInserted?: () => Promise<void>): Promise<PlanResult> {
    const inserted: QueuedRow[] = [];
    const queued = new QueueInOrder(this.queue);
    let failure: unknown = null;
    try {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = await this.insertNew(rows.slice(i, i + INSERT_CHUNK));
        inserted.push(...chunk);
        queued.add(chunk);
      }
      await whenInserted?.();
    } catch (error) {
      failure = error;
    }
    await queued.settled();
    if (queued.failure !== null) {
      // Rows went in stamped as enqueued; those whose job was not added go back to "never enqueued"
      // so that the next sweep's requeueStale takes them at once rather than after the grace period.
      await this.dataSource.query(
        `UPDATE notifications SET enqueued_at = NULL WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [inserted.slice(queued.enqueued).map((r) => r.id)],
      );
      failure ??= queued.failure;
    }
    if (failure !== null) throw failure;
    return {
      inserted: inserted.length,
      enqueued: inserted.length,
      held: heldDeliveries(inserted, this.clock.now()),
    };
  }

  /**
   * Takes the row's lease with a new token; null when the row is no longer pending. A live lease is
   * never taken over: the previous attempt may still be sending.
   */
  async claim(id: string): Promise<Claim | null> {
    const token = randomUUID();
    // Claim and finish run once per delivery: named prepared statements, parsed and planned once per
    // connection (the raw delivery loop of the bench does the same work in two statements).
    const claimed = await preparedQuery<ClaimedNotification>(
      this.dataSource.manager,
      `UPDATE notifications
          SET attempts = attempts + 1, lease_token = $3,
              locked_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND status = 'pending' AND (locked_until IS NULL OR locked_until < now())
        RETURNING id, subject_type AS "subjectType", subject_id AS "subjectId", rule,
                  rule_kind AS "ruleKind", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
                  recipient_type AS "recipientType", recipient_id AS "recipientId",
                  channel, escalated, attempts`,
      [id, this.config.DELIVERY_LOCK_MS / 1000, token],
    );
    if (claimed.length > 0) return { row: claimed[0], token };
    const [current] = await this.dataSource.query<{ status: string }[]>(
      'SELECT status FROM notifications WHERE id = $1',
      [id],
    );
    if (current?.status === 'pending') throw new DeliveryBusy(`notification ${id} is leased`);
    return null;
  }

  /**
   * Marks the row sent or cancelled if `claim` still holds its lease; false when another claim took
   * the row since (the lease had expired), in which case that holder decides.
   */
  async finish(claim: Claim, status: 'sent' | 'cancelled'): Promise<boolean> {
    const finished = await preparedQuery(
      this.dataSource.manager,
      `UPDATE notifications SET status = $3::varchar, locked_until = NULL, lease_token = NULL,
              last_error = NULL,
              sent_at = CASE WHEN $3::varchar = 'sent' THEN $4::timestamptz ELSE NULL END
        WHERE id = $1 AND lease_token = $2 AND status = 'pending'
        RETURNING id`,
      [claim.row.id, claim.token, status, this.clock.now().toISOString()],
    );
    return finished.length === 1;
  }

  /**
   * Records a failed attempt and releases the lease for the retry; on the last attempt the row becomes
   * `failed`. Fenced like `finish`: false when the lease was lost.
   */
  async fail(claim: Claim, error: string, finalAttempt: boolean): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE notifications SET last_error = $3, locked_until = NULL, lease_token = NULL,
              status = CASE WHEN $4::boolean THEN 'failed' ELSE status END
        WHERE id = $1 AND lease_token = $2 AND status = 'pending'`,
      [claim.row.id, claim.token, error.slice(0, 2000), finalAttempt],
    )) as [unknown, number];
    return count === 1;
  }

  /**
   * Re-enqueues pending rows whose job may have been lost (a dead worker, a wiped Redis); answers how
   * many. Rows under a live lease are left to their holder.
   */
  async requeueStale(): Promise<number> {
    const stale = await this.dataSource.query<{ id: string; not_before: Date }[]>(
      `SELECT id, not_before FROM notifications
        WHERE status = 'pending'
          AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $1))
          AND (locked_until IS NULL OR locked_until < now())
          AND not_before <= $2::timestamptz
        ORDER BY enqueued_at NULLS FIRST LIMIT 1000`,
      // Rows held for working hours are left alone until then: their delayed job may be fine, and if
      // Redis lost it, queueing it again at its hour is soon enough.
      [this.config.REMINDER_REQUEUE_GRACE_MS / 1000, this.clock.now().toISOString()],
    );
    const toAdd: QueuedRow[] = [];
    for (const row of stale) {
      if (await this.queue.holds(row.id)) continue; // still waiting, delayed or running
      toAdd.push({ id: row.id, notBefore: new Date(row.not_before) });
    }
    await this.enqueue(toAdd);
    // The rest still have their job: look at them again only after another grace period.
    await this.markEnqueued(stale.map((r) => r.id));
    return toAdd.length;
  }

  /**
   * Inserts the rows whose key is new and answers only those: the conflict on the unique (subject, rule,
   * due date, recipient, channel) is what makes concurrent sweeps plan each delivery once. A row that was
   * cancelled (deadline moved away, activity closed) comes back to pending when it is due again — the
   * deadline moved back, the activity reopened — instead of staying silent for good. Rows go in already
   * stamped as enqueued (the caller enqueues them next): a second UPDATE of every new row cost as much as
   * the insert. Should the process die before the jobs are added, requeueStale finds the rows once
   * their grace period is over.
   */
  private async insertNew(rows: NewNotification[]): Promise<QueuedRow[]> {
    if (rows.length === 0) return [];
    // The chunk goes as one JSON text: node-postgres builds array parameters by string concatenation,
    // element by element, which made eleven arrays of a thousand values a few MB of garbage per chunk.
    const result = await this.dataSource.query<{ id: string; not_before: Date }[]>(
      `INSERT INTO notifications (subject_type, subject_id, rule, rule_kind, due_on, escalated,
         recipient_type, recipient_id, recipient_address, channel, not_before, created_at, enqueued_at)
       SELECT r."subjectType", r."subjectId", r.rule, r."ruleKind", r."dueOn", r.escalated,
              r."recipientType", r."recipientId", r."recipientAddress", r.channel, r."notBefore",
              $2::timestamptz, now()
         FROM json_to_recordset($1::json) AS r("subjectType" varchar, "subjectId" uuid,
              rule varchar, "ruleKind" varchar, "dueOn" date, escalated boolean,
              "recipientType" varchar, "recipientId" uuid, "recipientAddress" varchar,
              channel varchar, "notBefore" timestamptz)
       ON CONFLICT ON CONSTRAINT "UQ_notifications_key" DO UPDATE
         SET status = 'pending', attempts = 0, last_error = NULL, locked_until = NULL,
             lease_token = NULL, enqueued_at = now(), not_before = EXCLUDED.not_before,
             escalated = EXCLUDED.escalated
         WHERE notifications.status = 'cancelled'
       RETURNING id, not_before`,
      [JSON.stringify(rows.map(deliveryJson)), this.clock.now().toISOString()],
    );
    return result.map((r) => ({ id: r.id, notBefore: new Date(r.not_before) }));
  }

  private async enqueue(rows: QueuedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.queue.add(rows);
    await this.markEnqueued(rows.map((r) => r.id));
  }

  private async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE notifications SET enqueued_at = now() WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
