import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, todayIn, type CalendarDate } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { nextSendingTime } from '../../common/time/sending-window';
import { wallClock } from '../../common/time/wall-clock';
import type { NewNotification } from '../../notifications/notification-lifecycle';

const DIGEST_HOUR = 8;

/** Monday of the ISO week `date` falls in. */
export function mondayOf(date: CalendarDate): CalendarDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * A manager's digest for a week is due from Monday 08:00 in their zone; keyed by that Monday, so it
 * goes out once a week, and a worker that was down on Monday still sends it later that week.
 */
export function digestWeekDue(now: Date, timeZone: string): CalendarDate | null {
  const today = todayIn(timeZone, now);
  const monday = mondayOf(today);
  if (today === monday && wallClock(now, timeZone).hour < DIGEST_HOUR) return null;
  return monday;
}

@Injectable()
export class DigestPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async dueDigests(): Promise<NewNotification[]> {
    const now = this.clock.now();
    const managers = await this.dataSource.query<{ id: string; email: string; timeZone: string }[]>(
      `SELECT u.id, u.email, u.time_zone AS "timeZone" FROM users u
        WHERE u.active AND u.role = 'programme_manager'
          AND NOT EXISTS (SELECT 1 FROM notification_preferences np
                           WHERE np.user_id = u.id AND np.rule_kind = 'weekly_digest'
                             AND np.channel = 'email' AND NOT np.enabled)`,
    );
    return managers.flatMap((m) => {
      const week = digestWeekDue(now, m.timeZone);
      if (week === null) return [];
      return [
        {
          subjectType: 'digest' as const,
          subjectId: m.id,
          rule: 'weekly_digest',
          ruleKind: 'weekly_digest',
          dueOn: week,
          escalated: false,
          recipientType: 'user' as const,
          recipientId: m.id,
          recipientAddress: m.email,
          channel: 'email' as const,
          // A digest caught up later in the week still waits for working hours.
          notBefore: nextSendingTime(now, m.timeZone),
        },
      ];
    });
  }
}
