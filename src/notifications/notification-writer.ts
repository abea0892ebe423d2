import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import type { Channel, SubjectType } from './notification.entity';

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
  channel: Channel;
  notBefore: Date;
}

export interface InsertedNotification {
  id: string;
  notBefore: Date;
}

@Injectable()
export class NotificationWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Inserts the rows whose key is new and answers only those: the conflict on the unique (subject, rule,
   * due date, recipient, channel) is what makes concurrent sweeps plan each delivery once. A row that was
   * cancelled (deadline moved away, activity closed) comes back to pending when it is due again — the
   * deadline moved back, the activity reopened — instead of staying silent for good.
   */
  async insertNew(rows: NewNotification[]): Promise<InsertedNotification[]> {
    if (rows.length === 0) return [];
    const inserted: InsertedNotification[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const col = <K extends keyof NewNotification>(key: K) => chunk.map((r) => r[key]);
      const result = await this.dataSource.query<{ id: string; not_before: Date }[]>(
        `INSERT INTO notifications (subject_type, subject_id, rule, rule_kind, due_on, escalated,
           recipient_type, recipient_id, recipient_address, channel, not_before, created_at)
         SELECT *, $12::timestamptz FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[],
           $5::date[], $6::boolean[], $7::varchar[], $8::uuid[], $9::varchar[], $10::varchar[],
           $11::timestamptz[])
         ON CONFLICT ON CONSTRAINT "UQ_notifications_key" DO UPDATE
           SET status = 'pending', attempts = 0, last_error = NULL, locked_until = NULL,
               enqueued_at = NULL, not_before = EXCLUDED.not_before, escalated = EXCLUDED.escalated
           WHERE notifications.status = 'cancelled'
         RETURNING id, not_before`,
        [
          col('subjectType'),
          col('subjectId'),
          col('rule'),
          col('ruleKind'),
          col('dueOn'),
          col('escalated'),
          col('recipientType'),
          col('recipientId'),
          col('recipientAddress'),
          col('channel'),
          chunk.map((r) => r.notBefore.toISOString()),
          this.clock.now().toISOString(),
        ],
      );
      inserted.push(...result.map((r) => ({ id: r.id, notBefore: new Date(r.not_before) })));
    }
    return inserted;
  }
}
