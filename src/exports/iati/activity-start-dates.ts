import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayIn, type CalendarDate } from '../../common/time/calendar-date';

const UNDER_WAY = ['in_progress', 'completed'];

/** What the history says of an activity's status: its first recorded change, its first move under way. */
export interface StatusHistory {
  /** The status before the first recorded status change. */
  firstFrom: string | null;
  /** When the activity first moved to in progress or completed, if history records it. */
  firstUnderWayAt: Date | null;
}

/**
 * The day work started according to history, or null when history cannot tell. An activity that was
 * already under way before its first recorded status change (created in progress, imported, seeded) did
 * not start when it was later completed: history then does not know the start, and the caller falls
 * back to the planned start (iati-xml's assumedStart). Otherwise the start is the first move to in
 * progress or, for an activity completed straight from planned, the completion.
 */
export function recordedStart(history: StatusHistory, timeZone: string): CalendarDate | null {
  if (history.firstFrom !== null && UNDER_WAY.includes(history.firstFrom)) return null;
  return history.firstUnderWayAt ? todayIn(timeZone, history.firstUnderWayAt) : null;
}

/**
 * A read model over activity history (like progress/ keeps its own): the day each activity of a plan
 * started, in the plan's zone, where history records it. The activities feature exposes no such
 * question, and IATI's "actual start" needs it. One query per export.
 */
@Injectable()
export class ActivityStartDates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forPlan(planId: string, timeZone: string): Promise<Map<string, CalendarDate>> {
    const rows: { activity_id: string; first_from: string | null; started_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT h.activity_id,
                (array_agg(h.from_value #>> '{}' ORDER BY h.at, h.id))[1] AS first_from,
                min(h.at) FILTER (WHERE h.to_value IN ('"in_progress"'::jsonb, '"completed"'::jsonb))
                  AS started_at
           FROM activity_history h
           JOIN activities a ON a.id = h.activity_id
          WHERE a.plan_id = $1 AND h.field = 'status'
          GROUP BY h.activity_id`,
        [planId],
      );
    const starts = new Map<string, CalendarDate>();
    for (const row of rows) {
      const start = recordedStart(
        {
          firstFrom: row.first_from,
          firstUnderWayAt: row.started_at ? new Date(row.started_at) : null,
        },
        timeZone,
      );
      if (start) starts.set(row.activity_id, start);
    }
    return starts;
  }
}
