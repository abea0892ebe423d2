import {
  DEFAULT_REMINDER_RULES,
  isEscalated,
  leadTimeBucket,
  overdueOccurrence,
} from './reminder-rules';

describe('lead-time buckets (activity due in 30, 7, 1 days and today)', () => {
  const lead = DEFAULT_REMINDER_RULES.activityDue.daysBefore;
  it.each([
    [31, null],
    [30, 30],
    [29, 30],
    [8, 30],
    [7, 7],
    [6, 7],
    [2, 7],
    [1, 1],
    [0, 0],
    [-1, null],
  ])('%i days left → %s', (daysLeft, bucket) => {
    expect(leadTimeBucket(lead, daysLeft)).toBe(bucket);
  });

  it('does not depend on the order the lead times were given in', () => {
    expect(leadTimeBucket([7, 180, 30], 45)).toBe(180);
    expect(leadTimeBucket([7, 180, 30], 181)).toBeNull();
  });
});

describe('overdue every 7 days, escalated after 14', () => {
  it.each([
    [0, null, false],
    [1, 1, false],
    [7, 1, false],
    [8, 2, false],
    [14, 2, false],
    [15, 3, true],
    [22, 4, true],
  ])('%i days overdue → occurrence %s (escalated: %s)', (days, occurrence, escalated) => {
    expect(overdueOccurrence(7, days)).toBe(occurrence);
    if (occurrence !== null)
      expect(isEscalated(DEFAULT_REMINDER_RULES, occurrence)).toBe(escalated);
  });
});
