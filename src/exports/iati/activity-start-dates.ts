import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayIn, type CalendarDate } from '../../common/time/calendar-date';

/**
 * A read model over activity history (like progress/ keeps its own): the day each activity of a plan
 * first moved to in progress or completed, in the plan's zone. The activities feature exposes no such
 * question, and IATI's "actual start" needs it. One grouped query per export.
 */
@Injectable()
export class ActivityStartDates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forPlan(planId: string, timeZone: string): Promise<Map<string, CalendarDate>> {
    const rows: { activity_id: string; started_at: Date }[] = await this.dataSource.query(
      `SELECT h.activity_id, min(h.at) AS started_at
         FROM activity_history h
         JOIN activities a ON a.id = h.activity_id
        WHERE a.plan_id = $1
          AND h.field = 'status'
          AND h.to_value IN ('"in_progress"'::jsonb, '"completed"'::jsonb)
        GROUP BY h.activity_id`,
      [planId],
    );
    return new Map(rows.map((r) => [r.activity_id, todayIn(timeZone, new Date(r.started_at))]));
  }
}
