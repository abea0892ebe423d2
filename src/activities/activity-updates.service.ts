import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { activityEditRight, type ActivityEditRight } from '../common/auth/permissions';
import {
  ActivityCarriedOver,
  InvalidInput,
  NotFound,
  VersionConflict,
} from '../common/errors/domain-errors';
import type { CalendarDate } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { EvidenceGate } from '../evidence/evidence-gate';
import { PartiesService } from '../parties/parties.service';
import { ActivitiesService } from './activities.service';
import { ActivityPatch, FieldChange, planActivityChange } from './activity-changes';
import type { HistoryValue } from './activity-history.entity';
import { ActivityQueries } from './activity-queries';
import { sortParts } from './activity-rows';
import { translationChange, type TranslationChange } from './activity-translations';
import { Activity } from './activity.entity';
import { ActivityView, toActivityView } from './activity-view';
import { UpdateActivityDto } from './dto/update-activity.dto';
import type { ActivityPart } from './parts/activity-part.entity';
import { ActivityPartsStore } from './parts/activity-parts.store';
import type { PartFieldChange } from './parts/part-changes';

/**
 * After a change of the activity itself: parts follow its parties, and a joint status, progress or
 * completion date set on the activity by a programme manager applies to its parts
 * (ActivityPartsStore.applyJoint), so that the parts always roll up to what the activity shows. A focal
 * point's status or progress changes only their own party's part, and the activity takes the roll-up.
 */
const JOINT_FIELDS: readonly string[] = ['status', 'progressPercent', 'completedOn'];

/** What applyChanges wrote: the activity's row, and its parts when the change reached them (else null). */
export interface WrittenActivity {
  activity: Activity;
  parts: ActivityPart[] | null;
}

/** A focal point's report of their own part, made through the activity's PATCH. */
interface OwnPartReport {
  partyCode: string;
  patch: Pick<UpdateActivityDto, 'status' | 'progressPercent'>;
}
const PARTY_FIELDS: readonly string[] = ['partyCodes', 'leadPartyCode'];

/**
 * A status update: validate → authorise against the caller's party → conditional UPDATE on the version
 * → history rows, in one transaction. TypeORM's save() does not check the version column, hence the
 * explicit `WHERE id = $1 AND version = $2` (ActivityQueries.updateReturning, which answers the row as
 * written: no re-read). An activity that renewal carried over to the next cycle is read-only (its copy
 * is the live one); the plan lock orders the check against renewal.
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
    private readonly queries: ActivityQueries,
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

    const ownPart = ownPartReport(actor, right, patch);

    const updated = await this.dataSource.transaction(async (em) => {
      await this.plans.holdAgainstRenewal(em, activity.planId);
      let written: WrittenActivity;
      if (ownPart) {
        const reported = await this.reportOwnPart(
          em,
          actor,
          id,
          expectedVersion,
          ownPart,
          changes,
          today,
        );
        written = await this.applyChanges(
          em,
          actor,
          id,
          expectedVersion,
          reported.changes,
          note ?? null,
          translated,
          reported.part,
        );
      } else {
        written = await this.applyChanges(
          em,
          actor,
          id,
          expectedVersion,
          changes,
          note ?? null,
          translated,
        );
      }
      // The activity as written (UPDATE … RETURNING) and its parts as the joint change left them;
      // read only when nothing wrote them in this transaction.
      const after = written.activity;
      const parts = written.parts ?? (await this.queries.partsOf(em, id));
      return toActivityView(after, today, sortParts(after, parts));
    });
    return updated;
  }

  /**
   * The focal point's status/progress goes to their own part (never to another party's), and the
   * activity's joint fields become the roll-up of the parts; the other fields they may change (notes)
   * stay in `changes`. The activity's row is locked first, as the parts route does, so that two
   * countries reporting at once roll up one after the other; a stale activity version is refused before
   * the part is touched.
   */
  private async reportOwnPart(
    em: EntityManager,
    actor: Actor,
    id: string,
    expectedVersion: number,
    own: OwnPartReport,
    changes: FieldChange[],
    today: CalendarDate,
  ): Promise<{ changes: FieldChange[]; part: { partyCode: string; changes: PartFieldChange[] } }> {
    const locked = await em.findOne(Activity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked) throw new NotFound('Activity', id);
    if (locked.version !== expectedVersion) {
      throw new VersionConflict('Activity', expectedVersion, locked.version);
    }
    const { changes: partChanges, joint } = await this.parts.reportPart(
      em,
      id,
      own.partyCode,
      own.patch,
      today,
      actor.id,
      // Completing their part this way passes the same evidence gate as the parts route. A programme
      // manager setting the joint status (with a reason) is the recorded override and is not gated.
      () => this.evidence.assertPartCompletable(em, locked, own.partyCode),
    );
    const jointChanges: FieldChange[] = (['status', 'progressPercent', 'completedOn'] as const)
      .filter((f) => locked[f] !== joint[f])
      .map((field) => ({ field, from: locked[field], to: joint[field] }));
    return {
      changes: [...changes.filter((c) => !JOINT_FIELDS.includes(c.field)), ...jointChanges],
      part: { partyCode: own.partyCode, changes: partChanges },
    };
  }

  /**
   * Writes checked changes inside the caller's transaction (an update's or an import's, which has
   * taken the plan's renewal lock): refuses a carried-over activity, updates on the expected version
   * only (409 with the current version otherwise) and appends one history row per changed field.
   * Answers the activity as written and, when the joint change reached them, its parts.
   */
  async applyChanges(
    em: EntityManager,
    actor: Actor,
    id: string,
    expectedVersion: number,
    changes: FieldChange[],
    note: string | null,
    translated: TranslationChange | null = null,
    /** Set when the joint fields in `changes` are the roll-up of this part's change (not applied to parts). */
    rolledUpFrom: { partyCode: string; changes: PartFieldChange[] } | null = null,
  ): Promise<WrittenActivity> {
    const set = {
      ...Object.fromEntries(changes.map((c) => [c.field, c.to])),
      ...(translated && { translations: translated.next }),
    };
    // One statement checks the version and the renewal copy and answers the row as written.
    const activity = await this.queries.updateReturning(
      em,
      id,
      expectedVersion,
      set,
      this.clock.now(),
    );
    if (!activity) {
      // Said in the order the checks always had: carried over, then gone (a 404, not a 500), then stale.
      const refusal = await this.queries.refusal(em, id);
      if (refusal.copyId) throw new ActivityCarriedOver(id, refusal.copyId);
      if (refusal.version === null) throw new NotFound('Activity', id);
      throw new VersionConflict('Activity', expectedVersion, refusal.version);
    }
    const parts = rolledUpFrom ? null : await this.keepPartsInStep(em, actor, activity, changes);
    const history: { field: string; from: HistoryValue; to: HistoryValue }[] = [
      ...(rolledUpFrom?.changes ?? []).map((c) => ({
        ...c,
        field: `parts.${rolledUpFrom!.partyCode}.${c.field}`,
      })),
      ...changes,
      ...(translated ? [translated.history] : []),
    ];
    if (history.length === 0) return { activity, parts };
    const at = this.clock.now();
    await this.queries.insertHistory(
      em,
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
    return { activity, parts };
  }

  /** Parts follow the activity's parties and joint fields; answers them when applyJoint wrote them. */
  private async keepPartsInStep(
    em: EntityManager,
    actor: Actor,
    activity: Activity,
    changes: FieldChange[],
  ): Promise<ActivityPart[] | null> {
    if (changes.some((c) => PARTY_FIELDS.includes(c.field)))
      await this.parts.sync(em, [activity.id], actor.id);
    if (changes.some((c) => JOINT_FIELDS.includes(c.field))) {
      return this.parts.applyJoint(em, activity, actor.id);
    }
    return null;
  }
}

/**
 * A focal point sending status or progress on the activity reports their own party's part (a party on
 * the activity: activityEditRight gave them status fields). Programme managers and admins set the joint
 * status itself, which reaches the open parts.
 */
function ownPartReport(
  actor: Actor,
  right: ActivityEditRight,
  patch: Omit<UpdateActivityDto, 'version' | 'note' | 'translations'>,
): OwnPartReport | null {
  if (right !== 'status_fields' || !actor.partyCode) return null;
  if (patch.status === undefined && patch.progressPercent === undefined) return null;
  return {
    partyCode: actor.partyCode,
    patch: { status: patch.status, progressPercent: patch.progressPercent },
  };
}

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
