import { ACTIVITY_STATUSES, isClosedStatus, isOverdue } from './activity-rules';
import {
  closedStatusSql,
  countedInCompletionSql,
  notCarriedOverSql,
  OPEN_ACTIVITY_STATUSES,
  openStatusSql,
  overdueSql,
} from './activity-sql';

/** The statuses an `alias.status IN (…)` / `NOT IN (…)` fragment names, read back from its text. */
const listed = (sql: string) => [...sql.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);

describe('activity SQL vocabulary', () => {
  it.each(ACTIVITY_STATUSES.map((s) => [s]))(
    '%s is open in SQL exactly when the TypeScript rule says it is not closed',
    (status) => {
      expect(OPEN_ACTIVITY_STATUSES.includes(status)).toBe(!isClosedStatus(status));
      expect(listed(openStatusSql('a')).includes(status)).toBe(!isClosedStatus(status));
      // "closed" is the complement of the same list, so the two never disagree.
      expect(listed(closedStatusSql('a')).includes(status)).toBe(!isClosedStatus(status));
      expect(closedStatusSql('a')).toMatch(/^a\.status NOT IN \(/);
    },
  );

  it('not carried over: no activity names the outer one as its original', () => {
    expect(notCarriedOverSql('a')).toBe(
      'NOT EXISTS (SELECT 1 FROM activities c WHERE c.carried_over_from_id = a.id)',
    );
    expect(notCarriedOverSql('x')).toMatch(/= x\.id\)$/);
  });

  it('overdue is open and due before today, as isOverdue says', () => {
    expect(overdueSql('ap', '$2')).toBe(`${openStatusSql('ap')} AND ap.due_on < $2`);
    // The rule it mirrors: open and strictly before today.
    expect(isOverdue('planned', '2026-01-01', '2026-01-02')).toBe(true);
    expect(isOverdue('planned', '2026-01-02', '2026-01-02')).toBe(false);
    expect(isOverdue('completed', '2026-01-01', '2026-01-02')).toBe(false);
  });

  it('completion counts every activity but the cancelled ones', () => {
    expect(countedInCompletionSql('a')).toBe(`a.status <> 'cancelled'`);
  });
});
