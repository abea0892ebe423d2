import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service';
import { ActivityPartsStore } from '../activities/parts/activity-parts.store';
import { CommitteeMeeting } from './committee-meeting.entity';
import { MeetingDecision } from './meeting-decision.entity';
import { toMeetingView, type LinkedActivity, type MeetingView } from './meeting-view';

/** Meetings as answered: with their decisions, and what became of each (its activity, now). */
@Injectable()
export class MeetingViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesService,
    private readonly parts: ActivityPartsStore,
  ) {}

  async viewOf(meeting: CommitteeMeeting): Promise<MeetingView> {
    return (await this.viewsOf(meeting.planId, [meeting]))[0];
  }

  /** Three queries whatever the number of meetings: decisions, their activities, their parts. */
  async viewsOf(planId: string, meetings: CommitteeMeeting[]): Promise<MeetingView[]> {
    if (meetings.length === 0) return [];
    const decisions = await this.dataSource.manager.find(MeetingDecision, {
      where: { meetingId: In(meetings.map((m) => m.id)) },
      order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    const linkedIds = decisions.map((d) => d.activityId).filter((id): id is string => !!id);
    const { found } = await this.activities.findInPlan(planId, [...new Set(linkedIds)]);
    const partsOf = await this.parts.partsOf([...found.values()]);
    const linked = new Map<string, LinkedActivity>();
    for (const a of found.values()) {
      linked.set(a.id, {
        id: a.id,
        title: a.title,
        translations: a.translations,
        status: a.status,
        progressPercent: a.progressPercent,
        dueOn: a.dueOn,
        completedOn: a.completedOn,
        parts: (partsOf.get(a.id) ?? []).map((p) => ({
          partyCode: p.partyCode,
          status: p.status,
          progressPercent: p.progressPercent,
        })),
      });
    }
    return meetings.map((m) =>
      toMeetingView(
        m,
        decisions
          .filter((d) => d.meetingId === m.id)
          .map((d) => ({
            id: d.id,
            text: d.text,
            translations: d.translations,
            position: d.position,
            activity: (d.activityId && linked.get(d.activityId)) || null,
          })),
      ),
    );
  }
}
