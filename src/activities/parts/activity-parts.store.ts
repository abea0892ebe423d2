import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { NotFound } from '../../common/errors/domain-errors';
import type { CalendarDate } from '../../common/time/calendar-date';
import { isClosedStatus } from '../activity-rules';
import type { Activity } from '../activity.entity';
import { partColumnsSql, sortParts, toPart } from '../activity-rows';
import { preparedQuery } from '../../database/prepared';
import { ActivityPart } from './activity-part.entity';
import { planPartChange, type PartFieldChange } from './part-changes';
import { rollUpParts, type PartState } from './part-rollup';

const PART_COLUMNS = partColumnsSql('ap');

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
   * point holding an older part gets 409. Answers every part of the activity as it now is (unordered),
   * from the statements that wrote them: the caller need not read them again.
   */
  async applyJoint(
    em: EntityManager,
    activity: Activity,
    actorId: string | null,
  ): Promise<ActivityPart[]> {
    const parts = (
      await preparedQuery<Record<string, unknown>>(
        em,
        `SELECT ${PART_COLUMNS} FROM activity_parts ap WHERE ap.activity_id = $1`,
        [activity.id],
      )
    ).map(toPart);
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
    if (changed.length === 0) return parts;
    // The rows are the parts as written.
    const rows = await preparedQuery<Record<string, unknown>>(
      em,
      `UPDATE activity_parts ap
          SET status = $3, progress_percent = $4, completed_on = $5, version = version + 1,
              updated_at = $6, updated_by = $7
        WHERE ap.activity_id = $1 AND ap.party_code = ANY($2::varchar[])
        RETURNING ${PART_COLUMNS}`,
      [
        activity.id,
        changed.map((p) => p.partyCode),
        activity.status,
        activity.progressPercent,
        activity.completedOn,
        this.clock.now(),
        actorId,
      ],
    );
    const written = new Map(rows.map(toPart).map((p) => [p.partyCode, p]));
    return parts.map((p) => written.get(p.partyCode) ?? p);
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
    for (const activity of activities) sortParts(activity, byActivity.get(activity.id)!);
    return byActivity;
  }
}
