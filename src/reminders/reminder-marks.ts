import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/time/clock';
import { OPEN_PART_CODES } from './open-part-codes';
import type { PlannedReminder } from './reminder-planner';

/** Rule kinds whose candidates are read through their marks (the two that grow with the tables). */
export const MARKED_RULE_KINDS = ['activity_due', 'activity_overdue'] as const;

const CHUNK = 5000;

/**
 * SQL: activity `a`'s reminder with rule key `rule` (an SQL expression) still needs planning: no mark
 * says it was planned under `stamp` (part changes forget the marks: see the migration), or one of its
 * deliveries was cancelled since (a date moved away and back, an activity reopened: the sweep brings
 * such a row back to pending, as it always did, so the key is offered again while current).
 *
 * Written as an OR of two sublinks on purpose: PostgreSQL keeps them as per-row index probes (the
 * mark's primary key, the small partial index of cancelled rows). As a plain NOT EXISTS it became an
 * anti-join whose plan hung on the marks' statistics: analysed while empty, the table was taken for
 * one row and scanned whole for each candidate (11 s at 1M activities instead of a few ms).
 */
export function activityNeedsPlanning(
  ruleKind: (typeof MARKED_RULE_KINDS)[number],
  rule: string,
  stamp: string,
): string {
  return `(NOT EXISTS (
      SELECT 1 FROM reminder_marks m
       WHERE m.subject_type = 'activity' AND m.subject_id = a.id AND m.rule_kind = '${ruleKind}'
         AND m.rule = ${rule} AND m.due_on = a.due_on AND m.stamp = ${stamp})
    OR EXISTS (
      SELECT 1 FROM notifications n
       WHERE n.status = 'cancelled' AND n.subject_id = a.id AND n.rule = ${rule}
         AND n.due_on = a.due_on AND n.subject_type = 'activity'))`;
}

/** Writes the marks of reminders whose deliveries are in (see planned-through.ts). */
@Injectable()
export class ReminderMarks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Marks these reminders planned under `stamp`. Call only once their deliveries are inserted: a mark
   * without its rows would silence the reminder. Kinds that are not read through marks are ignored. A
   * reminder whose open parts changed while the sweep ran is left unmarked (the change's trigger found
   * no mark to forget yet): the next sweep plans it again for the parties as they are then.
   */
  async record(planned: PlannedReminder[], stamp: string): Promise<void> {
    // Marked kinds are about activities (the SQL below joins them).
    const marked = planned.filter(
      (p) =>
        p.subjectType === 'activity' &&
        (MARKED_RULE_KINDS as readonly string[]).includes(p.ruleKind),
    );
    for (let i = 0; i < marked.length; i += CHUNK) {
      // One JSON text per chunk rather than five array parameters (see notification-lifecycle.ts).
      await this.dataSource.query(
        `INSERT INTO reminder_marks (subject_type, subject_id, rule_kind, rule, due_on, stamp,
                                     planned_at)
         SELECT 'activity', r."subjectId", r."ruleKind", r.rule, r."dueOn", $2, $3::timestamptz
           FROM json_to_recordset($1::json) AS r("subjectId" uuid, "ruleKind" varchar,
                  rule varchar, "dueOn" date, "partyCodes" text[])
           JOIN activities a ON a.id = r."subjectId"
          WHERE r."partyCodes" = (${OPEN_PART_CODES})::text[]
         ON CONFLICT (subject_type, subject_id, rule_kind) DO UPDATE
           SET rule = EXCLUDED.rule, due_on = EXCLUDED.due_on, stamp = EXCLUDED.stamp,
               planned_at = EXCLUDED.planned_at`,
        [
          JSON.stringify(
            marked.slice(i, i + CHUNK).map((p) => ({
              subjectId: p.subjectId,
              ruleKind: p.ruleKind,
              rule: p.rule,
              dueOn: p.dueOn,
              partyCodes: p.partyCodes,
            })),
          ),
          stamp,
          this.clock.now().toISOString(),
        ],
      );
    }
  }
}
