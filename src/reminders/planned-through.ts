import { createHash } from 'node:crypto';
import type { Audience } from './reminder-recipients';
import { leadTimeRule } from './reminder-planner';
import type { ReminderRules } from './reminder-rules';

/**
 * What the sweep remembers of its own work, so that a steady-state sweep reads only what is new.
 *
 * A reminder (subject, rule, due date) expands to deliveries by its parties and the audience (who is
 * active, in which role and party, who switched what off, which webhooks listen) under the rules. Once
 * a sweep has inserted those deliveries it marks the reminder as planned for those parties under that
 * audience and those rules (reminder_marks, one row per subject and rule kind). The next sweep skips a
 * candidate whose mark still matches: nothing it could plan would be new. Any change (a user added or
 * moved, a preference, a webhook, a rule, the due date, a part reopened, the next lead time or overdue
 * occurrence) makes the mark stale and the candidate is planned again; the unique delivery key stays
 * the guarantee that each delivery is inserted once.
 */

/** The activity rules a mark depends on: they decide the rule keys and who gets them (escalation). */
export type MarkedRules = Pick<ReminderRules, 'activityDue' | 'activityOverdue' | 'escalation'>;

/** Bump when the way reminders expand to deliveries changes: every mark becomes stale once. */
const EXPANSION_VERSION = 1;

/**
 * A short digest of everything besides the subject itself that decides a reminder's deliveries. Only
 * what decides who receives it counts: an address or a time zone changed does not re-plan anything
 * (addresses and sending times of planned rows are not updated either).
 */
export function planningStamp(audience: Audience, rules: MarkedRules): string {
  const users = audience.users.map((u) => `${u.id}|${u.role}|${u.partyCode ?? ''}`).sort();
  const hooks = audience.webhooks.map((h) => `${h.id}|${[...h.events].sort().join(',')}`).sort();
  const canonical = JSON.stringify({
    v: EXPANSION_VERSION,
    users,
    off: [...audience.switchedOff].sort(),
    hooks,
    due: [...rules.activityDue.daysBefore].sort((a, b) => a - b),
    overdueEvery: rules.activityOverdue.everyDays,
    escalateAfter: rules.escalation.afterDaysOverdue,
  });
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * The lead-time rule key by days left, for SQL: element d (0-based) is the key a subject gets d days
 * before its date, null for none. Indexing this array in the candidate query gives exactly the key the
 * planner (leadTimeRule) would, so the query can look up the mark without duplicating the rule.
 */
export function leadRulesByDaysLeft(
  ruleKind: Parameters<typeof leadTimeRule>[0],
  daysBefore: number[],
): (string | null)[] {
  const longest = Math.max(0, ...daysBefore);
  return Array.from({ length: longest + 1 }, (_, d) => leadTimeRule(ruleKind, daysBefore, d));
}
