import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { NotFound } from '../../common/errors/domain-errors';
import type { CalendarDate } from '../../common/time/calendar-date';
import { isClosedStatus } from '../activity-rules';
import type { Activity } from '../activity.entity';
import { ActivityPart } from './activity-part.entity';
import { planPartChange, type PartFieldChange } from './part-changes';
import { rollUpParts, type PartState } from './part-rollup';

/**
 * Each party's part of an activity, kept in step with the activity's parties by every writer of
 * activities (create, PATCH, import, renewal), inside that writer's transaction.
 */
@Injectable()
export class ActivityPartsStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Gives the activities one part per party on them, and drops parts of parties no longer on them. A
   * new part starts from the activity's joint status and progress (a party added to a running
   * activity joins it where it stands); existing parts are left as they are.
   */
  async sync(em: EntityManager, activityIds: string[], actorId: string | null): Promise<void> {
    if (activityIds.length === 0) return;
    await em.query(
      `INSERT INTO activity_parts
         (activity_id, party_code, status, progress_percent, completed_on, updated_at, updated_by)
       SELECT DISTINCT a.id, p.code, a.status, a.progress_percent, a.completed_on, $2::timestamptz, $3::uuid
         FROM activities a
         CROSS JOIN LATERAL unnest(array_append(a.party_codes, a.lead_party_code)) AS p(code)
        WHERE a.id = ANY($1::uuid[])
       ON CONFLICT (activity_id, party_code) DO NOTHING`,
      [activityIds, this.clock.now(), actorId],
    );
    await em.query(
      `DELETE FROM activity_parts ap USING activities a
        WHERE ap.activity_id = a.id AND a.id = ANY($1::uuid[])
          AND ap.party_code <> a.lead_party_code AND NOT (ap.party_code = ANY(a.party_codes))`,
      [activityIds],
    );
  }

  /** Renewal: the copies start with their originals' parts (each party where it stood), then sync. */
  async copyParts(
    em: EntityManager,
    copies: { fromId: string; toId: string }[],
    actorId: string | null,
  ): Promise<void> {
    if (copies.length === 0) return;
    await em.query(
      `INSERT INTO activity_parts
         (activity_id, party_code, status, progress_percent, note, completed_on, updated_at, updated_by)
       SELECT c.to_id, ap.party_code, ap.status, ap.progress_percent, ap.note, ap.completed_on,
              $3::timestamptz, $4::uuid
         FROM unnest($1::uuid[], $2::uuid[]) AS c(from_id, to_id)
         JOIN activity_parts ap ON ap.activity_id = c.from_id
       ON CONFLICT (activity_id, party_code) DO NOTHING`,
      [copies.map((c) => c.fromId), copies.map((c) => c.toId), this.clock.now(), actorId],
    );
    await this.sync(
      em,
      copies.map((c) => c.toId),
      actorId,
    );
  }

  /**
   * The joint status, progress or completion date was set on the activity itself (PATCH with a reason,
   * an import). It reaches the parts still open (neither completed nor cancelled): completing or
   * cancelling the activity closes what is still open, postponing or restarting it moves what is still
   * open, and a party that finished its share keeps it. When no part is open, an open status reopens
   * every part that was required (every part if all were cancelled). The activity shows what was set
   * until the next part change rolls it up again (part-rollup.ts); the parts' versions move, so a focal
   * point holding an older part gets 409.
   */
  async applyJoint(em: EntityManager, activity: Activity, actorId: string | null): Promise<void> {
    const parts = await em.findBy(ActivityPart, { activityId: activity.id });
    const open = parts.filter((p) => !isClosedStatus(p.status));
    const required = parts.filter((p) => p.status !== 'cancelled');
    const targets =
      open.length > 0 || isClosedStatus(activity.status)
        ? open
        : required.length > 0
          ? required
          : parts;
    const changed = targets.filter(
      (p) =>
        p.status !== activity.status ||
        p.progressPercent !== activity.progressPercent ||
        p.completedOn !== activity.completedOn,
    );
    if (changed.length === 0) return;
    await em
      .createQueryBuilder()
      .update(ActivityPart)
      .set({
        status: activity.status,
        progressPercent: activity.progressPercent,
        completedOn: activity.completedOn,
        version: () => 'version + 1',
        updatedAt: this.clock.now(),
        updatedBy: actorId,
      })
      .where('activity_id = :id AND party_code IN (:...codes)', {
        id: activity.id,
        codes: changed.map((p) => p.partyCode),
      })
      .execute();
  }

  /**
   * A focal point's status or progress sent on the activity itself (the joint PATCH) is a report of
   * their own party's part: it changes that part only, by the same rules as the parts route
   * (planPartChange; the part's version moves when it changes), and returns the roll-up of all the
   * parts for the caller to write on the activity. The caller holds the activity's row lock, so the
   * roll-up reads every sibling part as committed. `beforeCompleting` runs when the report moves the
   * part to completed (the evidence gate), inside the transaction, before anything is written.
   */
  async reportPart(
    em: EntityManager,
    activityId: string,
    partyCode: string,
    patch: Partial<Pick<PartState, 'status' | 'progressPercent'>>,
    today: CalendarDate,
    actorId: string,
    beforeCompleting: () => Promise<void> = async () => {},
  ): Promise<{ changes: PartFieldChange[]; joint: PartState }> {
    const current = await em.findOne(ActivityPart, {
      where: { activityId, partyCode },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current) throw new NotFound('Activity part', `${activityId}/${partyCode}`);
    const { next, changes } = planPartChange(current, patch, today);
    if (next.status === 'completed' && current.status !== 'completed') await beforeCompleting();
    if (changes.length > 0) {
      await em.update(
        ActivityPart,
        { activityId, partyCode },
        { ...next, version: current.version + 1, updatedAt: this.clock.now(), updatedBy: actorId },
      );
    }
    const parts = await em.findBy(ActivityPart, { activityId });
    return { changes, joint: rollUpParts(parts) };
  }

  /** The parts of these activities, lead party first then in the activity's order of parties. */
  async partsOf(
    activities: Activity[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ActivityPart[]>> {
    const byActivity = new Map<string, ActivityPart[]>(activities.map((a) => [a.id, []]));
    if (activities.length === 0) return byActivity;
    const rows = await em.findBy(ActivityPart, { activityId: In(activities.map((a) => a.id)) });
    for (const row of rows) byActivity.get(row.activityId)?.push(row);
    for (const activity of activities) {
      const order = [activity.leadPartyCode, ...activity.partyCodes];
      byActivity
        .get(activity.id)!
        .sort((x, y) => order.indexOf(x.partyCode) - order.indexOf(y.partyCode));
    }
    return byActivity;
  }
}
