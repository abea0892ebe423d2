import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { activityEditRight } from '../common/auth/permissions';
import {
  ActivityCarriedOver,
  InvalidInput,
  NotFound,
  VersionConflict,
} from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { EvidenceGate } from '../evidence/evidence-gate';
import { PartiesService } from '../parties/parties.service';
import { ActivitiesService } from './activities.service';
import { ActivityPatch, FieldChange, planActivityChange } from './activity-changes';
import { ActivityHistory, type HistoryValue } from './activity-history.entity';
import { translationChange, type TranslationChange } from './activity-translations';
import { Activity } from './activity.entity';
import { ActivityView } from './activity-view';
import { UpdateActivityDto } from './dto/update-activity.dto';
import { ActivityPartsStore } from './parts/activity-parts.store';

/**
 * After a change of the activity itself: parts follow its parties, and a joint status, progress or
 * completion date set on the activity applies to its parts (ActivityPartsStore.applyJoint), so that the
 * parts always roll up to what the activity shows.
 */
const JOINT_FIELDS: readonly string[] = ['status', 'progressPercent', 'completedOn'];
const PARTY_FIELDS: readonly string[] = ['partyCodes', 'leadPartyCode'];

/**
 * A status update: validate → authorise against the caller's party → conditional UPDATE on the version
 * → history rows, in one transaction. TypeORM's save() does not check the version column, hence the
 * explicit `WHERE id = :id AND version = :version`. An activity that renewal carried over to the next
 * cycle is read-only (its copy is the live one); the plan lock orders the check against renewal.
 */
@Injectable()
export class ActivityUpdatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesService,
    private readonly plans: ActionPlansService,
    private readonly parties: PartiesService,
    private readonly parts: ActivityPartsStore,
    private readonly clock: Clock,
    private readonly evidence: EvidenceGate,
  ) {}

  async update(
    actor: Actor,
    id: string,
    dto: UpdateActivityDto,
    ifMatch: string | undefined,
  ): Promise<ActivityView> {
    const expectedVersion = resolveVersion(dto.version, ifMatch);
    const { activity, plan } = await this.activities.findVisible(actor, id);
    const today = this.plans.todayFor(plan.plan);
    const { version: _version, note, translations, ...patch } = dto;
    const right = activityEditRight(actor, activity);
    const changes = planActivityChange(activity, patch as ActivityPatch, right, today);
    const translated = translationChange(activity, translations, right);
    const codes = [patch.leadPartyCode, ...(patch.partyCodes ?? [])].filter(
      (c): c is string => typeof c === 'string',
    );
    await this.parties.assertKnownCodes(codes, 'partyCodes');

    const updated = await this.dataSource.transaction(async (em) => {
      await this.plans.holdAgainstRenewal(em, activity.planId);
      // A focal point completing through the joint PATCH completes their own part: same evidence gate
      // as the parts route. A programme manager setting the joint status (with a reason) is the
      // recorded override and is not gated.
      if (right === 'status_fields' && actor.partyCode && completes(changes)) {
        await this.evidence.assertPartCompletable(em, activity, actor.partyCode);
      }
      await this.applyChanges(em, actor, id, expectedVersion, changes, note ?? null, translated);
      const after = await em.findOneBy(Activity, { id });
      if (!after) throw new NotFound('Activity', id);
      return this.activities.viewOf(after, today, em);
    });
    return updated;
  }

  /**
   * Writes checked changes inside the caller's transaction (an update's or an import's, which has
   * taken the plan's renewal lock): refuses a carried-over activity, updates on the expected version
   * only (409 with the current version otherwise) and appends one history row per changed field.
   */
  async applyChanges(
    em: EntityManager,
    actor: Actor,
    id: string,
    expectedVersion: number,
    changes: FieldChange[],
    note: string | null,
    translated: TranslationChange | null = null,
  ): Promise<void> {
    const copy = await em.findOne(Activity, {
      select: { id: true },
      where: { carriedOverFromId: id },
    });
    if (copy) throw new ActivityCarriedOver(id, copy.id);
    const set = {
      ...Object.fromEntries(changes.map((c) => [c.field, c.to])),
      ...(translated && { translations: translated.next }),
    };
    const result = await em
      .createQueryBuilder()
      .update(Activity)
      .set({ ...set, version: () => 'version + 1', updatedAt: this.clock.now() })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    if (result.affected === 0) {
      // Gone (deleted meanwhile) is a 404, not a 500.
      const current = await em.findOneBy(Activity, { id });
      if (!current) throw new NotFound('Activity', id);
      throw new VersionConflict('Activity', expectedVersion, current.version);
    }
    await this.keepPartsInStep(em, actor, id, changes);
    const history: { field: string; from: HistoryValue; to: HistoryValue }[] = [
      ...changes,
      ...(translated ? [translated.history] : []),
    ];
    if (history.length === 0) return;
    const at = this.clock.now();
    await em.insert(
      ActivityHistory,
      history.map((c) => ({
        activityId: id,
        actorId: actor.id,
        actorEmail: actor.email,
        at,
        field: c.field,
        fromValue: c.from,
        toValue: c.to,
        note,
      })),
    );
  }

  private async keepPartsInStep(
    em: EntityManager,
    actor: Actor,
    id: string,
    changes: FieldChange[],
  ): Promise<void> {
    if (changes.some((c) => PARTY_FIELDS.includes(c.field)))
      await this.parts.sync(em, [id], actor.id);
    if (changes.some((c) => JOINT_FIELDS.includes(c.field))) {
      const activity = await em.findOneBy(Activity, { id });
      if (activity) await this.parts.applyJoint(em, activity, actor.id);
    }
  }
}

const completes = (changes: FieldChange[]) =>
  changes.some((c) => c.field === 'status' && c.to === 'completed');

/** The version comes from the body or from `If-Match` (`"3"`, `W/"3"` or `3`); both must agree. */
export function resolveVersion(
  bodyVersion: number | undefined,
  ifMatch: string | undefined,
  /** Where `version` itself came from: a PATCH body, or DELETE's `?version=`. */
  source: 'body' | 'query' = 'body',
): number {
  let headerVersion: number | undefined;
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(ifMatch.trim());
    if (!match) throw InvalidInput.field('If-Match', 'must be the activity version, e.g. "3"');
    headerVersion = Number(match[1]);
    if (headerVersion < 1 || headerVersion > 2147483647) {
      throw InvalidInput.field('If-Match', 'is not a version this activity can have');
    }
  }
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion) {
    throw InvalidInput.field('version', 'differs from the If-Match header');
  }
  const version = bodyVersion ?? headerVersion;
  if (version === undefined) {
    throw InvalidInput.field('version', `is required (in the ${source} or as an If-Match header)`);
  }
  return version;
}
