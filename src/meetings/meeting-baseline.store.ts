import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import { PLAN_STATE_SQL } from './baseline-sql';
import { CommitteeMeeting } from './committee-meeting.entity';

/** Copies a plan's state into a meeting's baseline, once. */
@Injectable()
export class MeetingBaselineStore {
  constructor(private readonly clock: Clock) {}

  /**
   * Marks the meeting's baseline taken and copies every activity and part of its plan, inside the
   * caller's transaction. One INSERT … SELECT reads one snapshot of the plan, so a part changed at the
   * same moment is either wholly in the baseline or wholly after it. Returns false (and copies nothing)
   * when the baseline was already taken: the conditional UPDATE decides, so two requests at once
   * cannot both take it.
   */
  async take(em: EntityManager, meetingId: string, planId: string): Promise<boolean> {
    const marked = await em
      .createQueryBuilder()
      .update(CommitteeMeeting)
      .set({ baselineTakenAt: this.clock.now(), updatedAt: this.clock.now() })
      .where('id = :meetingId AND baseline_taken_at IS NULL', { meetingId })
      .execute();
    if (marked.affected === 0) return false;
    await em.query(
      `INSERT INTO meeting_baselines
         (meeting_id, activity_id, party_code, title, translations, status, progress_percent,
          due_on, completed_on)
       SELECT $2::uuid, activity_id, party_code, title, translations, status, progress_percent,
              due_on, completed_on
         FROM (${PLAN_STATE_SQL}) s`,
      [planId, meetingId],
    );
    return true;
  }
}
