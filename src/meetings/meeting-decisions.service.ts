import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service';
import type { CreateActivityDto } from '../activities/dto/create-activity.dto';
import type { Actor } from '../common/auth/actor';
import { Conflict, NotFound } from '../common/errors/domain-errors';
import { mergeDecisionTranslations, type DecisionTranslations } from './decision-text';
import type { DecisionActivityDto } from './dto/decision-activity.dto';
import { CreateDecisionDto, UpdateDecisionDto } from './dto/meeting.dto';
import { MeetingDecision } from './meeting-decision.entity';
import type { MeetingView } from './meeting-view';
import { assertMayRecord, MeetingsService } from './meetings.service';

/** The decisions of a meeting, and the activities they become. */
@Injectable()
export class MeetingDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly activities: ActivitiesService,
  ) {}

  /** Appends a decision at the end of the meeting's list. */
  async add(
    actor: Actor,
    planId: string,
    meetingId: string,
    dto: CreateDecisionDto,
  ): Promise<MeetingView> {
    assertMayRecord(actor);
    await this.meetings.findVisible(actor, planId, meetingId);
    await this.dataSource.query(
      `INSERT INTO meeting_decisions (meeting_id, text, translations, position)
       SELECT $1, $2, $3::jsonb, coalesce(max(position), 0) + 1
         FROM meeting_decisions WHERE meeting_id = $1`,
      [meetingId, dto.text, JSON.stringify(mergeDecisionTranslations({}, dto.translations))],
    );
    return this.meetings.get(actor, planId, meetingId);
  }

  async update(
    actor: Actor,
    planId: string,
    meetingId: string,
    decisionId: string,
    dto: UpdateDecisionDto,
  ): Promise<MeetingView> {
    assertMayRecord(actor);
    const decision = await this.findDecision(actor, planId, meetingId, decisionId);
    const translations: DecisionTranslations =
      dto.translations === undefined
        ? decision.translations
        : dto.translations === null
          ? {}
          : mergeDecisionTranslations(decision.translations, dto.translations);
    await this.dataSource.manager.update(
      MeetingDecision,
      { id: decisionId },
      { ...(dto.text !== undefined && { text: dto.text }), translations },
    );
    return this.meetings.get(actor, planId, meetingId);
  }

  /** Removes a decision; an activity it became stays (it has a life of its own). */
  async remove(actor: Actor, planId: string, meetingId: string, decisionId: string): Promise<void> {
    assertMayRecord(actor);
    await this.findDecision(actor, planId, meetingId, decisionId);
    await this.dataSource.manager.delete(MeetingDecision, { id: decisionId });
  }

  /**
   * The decision becomes an activity of the plan, created by ActivitiesService like any other (its
   * parts, rules and checks apply), and is linked to it. The decision row is locked while the activity
   * is created, so two clicks make one activity: the second waits, then finds the link and gets 409.
   */
  async makeActivity(
    actor: Actor,
    planId: string,
    meetingId: string,
    decisionId: string,
    dto: DecisionActivityDto,
  ): Promise<MeetingView> {
    assertMayRecord(actor);
    await this.findDecision(actor, planId, meetingId, decisionId);
    await this.dataSource.transaction(async (em) => {
      const decision = await em
        .createQueryBuilder(MeetingDecision, 'd')
        .setLock('pessimistic_write')
        .where('d.id = :decisionId', { decisionId })
        .getOne();
      if (!decision) throw new NotFound('Decision', decisionId);
      if (decision.activityId) {
        throw new Conflict(
          `Decision ${decisionId} already became activity ${decision.activityId}.`,
          'Decision already an activity',
          { activityId: decision.activityId },
        );
      }
      const activity = await this.activities.create(actor, planId, activityFields(decision, dto));
      await em.update(MeetingDecision, { id: decisionId }, { activityId: activity.id });
    });
    return this.meetings.get(actor, planId, meetingId);
  }

  private async findDecision(
    actor: Actor,
    planId: string,
    meetingId: string,
    decisionId: string,
  ): Promise<MeetingDecision> {
    await this.meetings.findVisible(actor, planId, meetingId);
    const decision = await this.dataSource.manager.findOneBy(MeetingDecision, {
      id: decisionId,
      meetingId,
    });
    if (!decision) throw new NotFound('Decision', decisionId);
    return decision;
  }
}

/** The new activity's fields: the title and its translations default to the decision's text. */
function activityFields(decision: MeetingDecision, dto: DecisionActivityDto): CreateActivityDto {
  const title = dto.title ?? decision.text.trim().slice(0, 500);
  const translations =
    dto.translations !== undefined
      ? dto.translations
      : Object.fromEntries(
          Object.entries(decision.translations).map(([language, t]) => [
            language,
            { title: t.text.trim().slice(0, 500) },
          ]),
        );
  return { ...dto, title, translations };
}
