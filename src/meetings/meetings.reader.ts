import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFound } from '../common/errors/domain-errors';
import type { CalendarDate } from '../common/time/calendar-date';
import {
  diffBaselines,
  sortEntries,
  type BaselineChange,
  type BaselineEntry,
} from './baseline-diff';
import { ENTRY_COLUMNS, PLAN_STATE_SQL } from './baseline-sql';
import type { MeetingStatus } from './committee-meeting.entity';

export interface MeetingRef {
  id: string;
  heldOn: CalendarDate;
}

export interface PlannedMeeting extends MeetingRef {
  planId: string;
}

/** What changed between the previous held meeting's baseline and this meeting's (or now). */
export interface MeetingChanges {
  meeting: {
    id: string;
    planId: string;
    heldOn: CalendarDate;
    status: MeetingStatus;
    /** ISO instant; null when the comparison is with the live state of the plan. */
    baselineTakenAt: string | null;
  };
  /** The latest held meeting before this one whose baseline was taken; null for the first. */
  previousMeeting: MeetingRef | null;
  /** Empty when there is no previous meeting: there is nothing to compare with. */
  changes: BaselineChange[];
}

interface MeetingRow {
  id: string;
  planId: string;
  heldOn: CalendarDate;
  status: MeetingStatus;
  baselineTakenAt: Date | null;
}

/**
 * What other features read of committee meetings (nudges plan reminders before the next meeting; the
 * pack prints the changes since the previous one). No caller scoping here: callers check who may read
 * the plan first (the routes do; the worker acts for the system).
 */
@Injectable()
export class MeetingsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The plan's next planned meeting on or after `today` (the plan's calendar), or null. */
  async nextMeetingOf(planId: string, today: CalendarDate): Promise<MeetingRef | null> {
    const rows: MeetingRef[] = await this.dataSource.query(
      `SELECT id, held_on::text AS "heldOn" FROM committee_meetings
        WHERE plan_id = $1 AND status = 'planned' AND held_on >= $2::date
        ORDER BY held_on, created_at, id LIMIT 1`,
      [planId, today],
    );
    return rows[0] ?? null;
  }

  /** Planned meetings of every plan dated from `from` to `to`, both included, by date. */
  async upcomingMeetingsBetween(from: CalendarDate, to: CalendarDate): Promise<PlannedMeeting[]> {
    return this.dataSource.query(
      `SELECT id, plan_id AS "planId", held_on::text AS "heldOn" FROM committee_meetings
        WHERE status = 'planned' AND held_on BETWEEN $1::date AND $2::date
        ORDER BY held_on, plan_id, id`,
      [from, to],
    );
  }

  /**
   * The exact changes since the previous held meeting: its baseline against this meeting's, or
   * against the plan as it stands when this meeting's baseline is not taken yet. NotFound when the
   * meeting does not exist.
   */
  async changesSince(meetingId: string, em?: EntityManager): Promise<MeetingChanges> {
    const db = em ?? this.dataSource.manager;
    const meeting = await this.meetingRow(db, meetingId);
    const previous = await this.previousHeld(db, meeting);
    const view = {
      id: meeting.id,
      planId: meeting.planId,
      heldOn: meeting.heldOn,
      status: meeting.status,
      baselineTakenAt: meeting.baselineTakenAt ? meeting.baselineTakenAt.toISOString() : null,
    };
    if (!previous) return { meeting: view, previousMeeting: null, changes: [] };
    const [before, after] = await Promise.all([
      this.baselineOf(db, previous.id),
      meeting.baselineTakenAt
        ? this.baselineOf(db, meeting.id)
        : this.liveStateOf(db, meeting.planId),
    ]);
    return {
      meeting: view,
      previousMeeting: { id: previous.id, heldOn: previous.heldOn },
      changes: diffBaselines(sortEntries(before), sortEntries(after)),
    };
  }

  private async meetingRow(db: EntityManager, meetingId: string): Promise<MeetingRow> {
    const rows: MeetingRow[] = await db.query(
      `SELECT id, plan_id AS "planId", held_on::text AS "heldOn", status,
              baseline_taken_at AS "baselineTakenAt"
         FROM committee_meetings WHERE id = $1`,
      [meetingId],
    );
    if (!rows[0]) throw new NotFound('Meeting', meetingId);
    return rows[0];
  }

  /**
   * The latest meeting of the plan with a baseline taken before this one: earlier date, or the same
   * date and a baseline taken earlier (two meetings on one day follow the order they were held in).
   */
  private async previousHeld(db: EntityManager, meeting: MeetingRow): Promise<MeetingRef | null> {
    const rows: MeetingRef[] = await db.query(
      `SELECT id, held_on::text AS "heldOn" FROM committee_meetings
        WHERE plan_id = $1 AND id <> $2 AND baseline_taken_at IS NOT NULL
          AND (held_on < $3::date
               OR (held_on = $3::date AND baseline_taken_at < coalesce($4::timestamptz, 'infinity')))
        ORDER BY held_on DESC, baseline_taken_at DESC, id DESC LIMIT 1`,
      [meeting.planId, meeting.id, meeting.heldOn, meeting.baselineTakenAt],
    );
    return rows[0] ?? null;
  }

  private baselineOf(db: EntityManager, meetingId: string): Promise<BaselineEntry[]> {
    return db.query(`SELECT ${ENTRY_COLUMNS} FROM meeting_baselines WHERE meeting_id = $1`, [
      meetingId,
    ]);
  }

  private liveStateOf(db: EntityManager, planId: string): Promise<BaselineEntry[]> {
    return db.query(`SELECT ${ENTRY_COLUMNS} FROM (${PLAN_STATE_SQL}) s`, [planId]);
  }
}
