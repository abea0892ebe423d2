import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionPlansService } from '../../action-plans/action-plans.service';
import type { Actor } from '../../common/auth/actor';
import { canEditPart } from '../../common/auth/permissions';
import {
  ActivityCarriedOver,
  Forbidden,
  NotFound,
  VersionConflict,
} from '../../common/errors/domain-errors';
import type { CalendarDate } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { EvidenceGate } from '../../evidence/evidence-gate';
import { ActivitiesService } from '../activities.service';
import { ActivityHistory, type HistoryValue } from '../activity-history.entity';
import { Activity } from '../activity.entity';
import { ActivityPart } from './activity-part.entity';
import { UpdatePartDto } from './dto/update-part.dto';
import { planPartChange } from './part-changes';
import { rollUpParts, type PartState } from './part-rollup';

/** Joint fields the roll-up owns on the activity. */
const JOINT_FIELDS = ['status', 'progressPercent', 'completedOn'] as const;

/**
 * A part changes through update() by its own party's focal point, a programme manager or an admin, and
 * the activity's joint status and progress are then rolled up in the same transaction.
 */
@Injectable()
export class ActivityPartsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesService,
    private readonly plans: ActionPlansService,
    private readonly clock: Clock,
    private readonly evidence: EvidenceGate,
  ) {}

  /**
   * One party's part changes: checked (its own version, 409 when stale; the caller's right), written,
   * rolled up into the activity's joint status and progress (the activity's version moves when they
   * change) and recorded in history as `parts.<code>.<field>` (and the joint fields that followed),
   * all in one transaction holding the plan against renewal.
   */
  async update(
    actor: Actor,
    activityId: string,
    partyCode: string,
    dto: UpdatePartDto,
    expectedVersion: number,
  ): Promise<{ activity: Activity; today: CalendarDate }> {
    const { activity, plan } = await this.activities.findVisible(actor, activityId);
    const today = this.plans.todayFor(plan.plan);
    const code = partyCode;
    if (!(activity.partyCodes.includes(code) || activity.leadPartyCode === code)) {
      throw new NotFound('Activity part', `${activityId}/${partyCode}`);
    }
    assertMayEditPart(actor, code);

    const updated = await this.dataSource.transaction(async (em) => {
      await this.plans.holdAgainstRenewal(em, activity.planId);
      const copy = await em.findOne(Activity, {
        select: { id: true },
        where: { carriedOverFromId: activityId },
      });
      if (copy) throw new ActivityCarriedOver(activityId, copy.id);
      // The activity's row first: two parties reporting at once roll up one after the other, the
      // second seeing the first's part (otherwise both could roll up from a stale sibling).
      const locked = await em.findOne(Activity, {
        select: { id: true },
        where: { id: activityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) throw new NotFound('Activity', activityId);
      const current = await em.findOne(ActivityPart, {
        where: { activityId, partyCode: code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFound('Activity part', `${activityId}/${partyCode}`);
      if (current.version !== expectedVersion) {
        throw new VersionConflict('Activity part', expectedVersion, current.version);
      }
      const { next, changes } = planPartChange(current, dto, today);
      // Completing a part needs the evidence its activity type requires (409 evidence_missing).
      if (next.status === 'completed' && current.status !== 'completed') {
        await this.evidence.assertPartCompletable(em, activity, code);
      }
      const at = this.clock.now();
      await em.update(
        ActivityPart,
        { activityId, partyCode: code },
        { ...next, version: current.version + 1, updatedAt: at, updatedBy: actor.id },
      );

      const parts = await em.findBy(ActivityPart, { activityId });
      const joint = await this.rollUpInto(em, activityId, parts);
      const history: { field: string; from: HistoryValue; to: HistoryValue }[] = [
        ...changes.map((c) => ({ ...c, field: `parts.${code}.${c.field}` })),
        ...joint,
      ];
      if (history.length > 0) {
        await em.insert(
          ActivityHistory,
          history.map((c) => ({
            activityId,
            actorId: actor.id,
            actorEmail: actor.email,
            at,
            field: c.field,
            fromValue: c.from,
            toValue: c.to,
            note: dto.reason ?? null,
          })),
        );
      }
      const after = await em.findOneBy(Activity, { id: activityId });
      if (!after) throw new NotFound('Activity', activityId);
      return after;
    });
    return { activity: updated, today };
  }

  /** Writes the roll-up on the activity (already locked, version + 1) when it differs; returns the changes. */
  private async rollUpInto(
    em: EntityManager,
    activityId: string,
    parts: PartState[],
  ): Promise<{ field: string; from: HistoryValue; to: HistoryValue }[]> {
    const activity = await em.findOneBy(Activity, { id: activityId });
    if (!activity) throw new NotFound('Activity', activityId);
    const joint = rollUpParts(parts);
    const changes = JOINT_FIELDS.filter((f) => activity[f] !== joint[f]).map((field) => ({
      field,
      from: activity[field] as HistoryValue,
      to: joint[field] as HistoryValue,
    }));
    if (changes.length === 0) return [];
    await em
      .createQueryBuilder()
      .update(Activity)
      .set({ ...joint, version: () => 'version + 1', updatedAt: this.clock.now() })
      .where('id = :activityId', { activityId })
      .execute();
    return changes;
  }
}

/** A part is its party's: that party's focal point, programme managers and admins change it. */
function assertMayEditPart(actor: Actor, partyCode: string): void {
  if (canEditPart(actor, partyCode)) return;
  throw new Forbidden(
    actor.role === 'focal_point'
      ? `Only the focal point of ${partyCode} (or a programme manager) may change ${partyCode}'s part; you may read it.`
      : 'You may read this part but not change it.',
  );
}
