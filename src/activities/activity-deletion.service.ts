import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { Conflict, NotFound, VersionConflict } from '../common/errors/domain-errors';
import { ActivitiesService } from './activities.service';
import { Activity } from './activity.entity';

/** What keeps an activity from being deleted: each one is a record that names it. */
export type ActivityReference = 'history' | 'renewal' | 'notifications';

/**
 * 409 when something refers to the activity: deleting it would leave that record pointing at nothing,
 * so the activity is cancelled instead (`PATCH` with `status: cancelled`), which keeps it visible.
 */
export class ActivityInUse extends Conflict {
  constructor(id: string, references: ActivityReference[]) {
    super(
      `Activity ${id} cannot be deleted because ${references.map(describe).join(', ')}. ` +
        'Cancel it instead (PATCH /api/activities/{id} with status "cancelled").',
      'Activity in use',
      { references, cancelInstead: true },
    );
  }
}

function describe(reference: ActivityReference): string {
  switch (reference) {
    case 'history':
      return 'it has been changed since it was created (its history names it)';
    case 'renewal':
      return 'a plan renewal carried it over (a copy in another cycle refers to it, or it is one)';
    case 'notifications':
      return 'reminders or webhook deliveries about it have gone out (or are going out now)';
  }
}

/**
 * `DELETE /activities/:id`: for an activity entered by mistake, while nothing refers to it. "Refers"
 * is read off the schema:
 * - activity_history: creation writes no history row, so any row means someone changed the activity
 *   after creating it (a status update, an import over it) and that record must stay readable;
 * - activities.carried_over_from_id: a renewal copy points at the original, and a copy is itself part
 *   of the renewal's record (its original stays read-only because of it);
 * - notifications (subject_type 'activity'): a reminder mail or webhook delivery that was sent, failed,
 *   or is being sent right now (leased) told someone about the activity. Pending reminders that have not
 *   gone out are no reference: they are deleted with the activity, so none fires afterwards (a delivery
 *   that races the delete finds its row gone, and its composer cancels a reminder whose subject is gone).
 * Everything happens in one transaction that holds the plan against renewal and locks the row, after
 * the version check (If-Match or `?version=`, 409 with currentVersion when stale).
 */
@Injectable()
export class ActivityDeletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesService,
    private readonly plans: ActionPlansService,
  ) {}

  async delete(actor: Actor, id: string, expectedVersion: number): Promise<void> {
    const { activity } = await this.activities.findVisible(actor, id);
    await this.dataSource.transaction(async (em) => {
      await this.plans.holdAgainstRenewal(em, activity.planId);
      const locked = await em
        .createQueryBuilder(Activity, 'a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id })
        .getOne();
      if (!locked) throw new NotFound('Activity', id);
      if (locked.version !== expectedVersion) {
        throw new VersionConflict('Activity', expectedVersion, locked.version);
      }
      const references = await this.referencesTo(em, locked);
      if (references.length > 0) throw new ActivityInUse(id, references);
      await em.query(
        `DELETE FROM notifications
          WHERE subject_type = 'activity' AND subject_id = $1
            AND status IN ('pending', 'cancelled') AND attempts = 0 AND sent_at IS NULL`,
        [id],
      );
      // The sweep's planned-through marks of the activity go with it (they have no foreign key).
      await em.query(
        `DELETE FROM reminder_marks WHERE subject_type = 'activity' AND subject_id = $1`,
        [id],
      );
      await em.delete(Activity, { id });
    });
  }

  private async referencesTo(em: EntityManager, activity: Activity): Promise<ActivityReference[]> {
    const [row] = await em.query<{ history: boolean; renewal: boolean; notifications: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM activity_history WHERE activity_id = $1) AS history,
              ($2::uuid IS NOT NULL
                OR EXISTS (SELECT 1 FROM activities WHERE carried_over_from_id = $1)) AS renewal,
              EXISTS (SELECT 1 FROM notifications
                       WHERE subject_type = 'activity' AND subject_id = $1
                         AND (status IN ('sent', 'failed') OR attempts > 0 OR sent_at IS NOT NULL
                              OR locked_until > now())) AS notifications`,
      [activity.id, activity.carriedOverFromId],
    );
    return (['history', 'renewal', 'notifications'] as const).filter((r) => row[r]);
  }
}
