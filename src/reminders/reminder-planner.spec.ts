import { DEFAULT_REMINDER_RULES } from './reminder-rules';
import {
  DatedSubject,
  planLeadTime,
  planNotificationMissing,
  planOverdue,
} from './reminder-planner';

const activity = (date: string, today: string): DatedSubject => ({
  type: 'activity',
  id: 'a1',
  date,
  today,
  partyCodes: ['MA', 'CI'],
});

describe('planLeadTime', () => {
  it('plans the 7-day reminder on the seventh day before, for focal points and managers', () => {
    expect(
      planLeadTime('activity_due', [30, 7, 1, 0], [activity('2026-12-08', '2026-12-01')]),
    ).toEqual([
      {
        subjectType: 'activity',
        subjectId: 'a1',
        ruleKind: 'activity_due',
        rule: 'activity_due:7',
        dueOn: '2026-12-08',
        escalated: false,
        partyCodes: ['MA', 'CI'],
        toProgrammeManagers: true,
      },
    ]);
  });

  it('plans nothing more than the longest lead time ahead, nor after the date', () => {
    expect(planLeadTime('activity_due', [30, 7], [activity('2027-01-31', '2026-12-01')])).toEqual(
      [],
    );
    expect(planLeadTime('activity_due', [30, 7], [activity('2026-11-30', '2026-12-01')])).toEqual(
      [],
    );
  });
});

describe('planOverdue', () => {
  it.each([
    ['2026-12-01', '2026-12-01', null, null],
    ['2026-12-01', '2026-12-02', 'activity_overdue:1', false],
    ['2026-12-01', '2026-12-09', 'activity_overdue:2', false],
    ['2026-12-01', '2026-12-16', 'activity_overdue:3', true],
  ])('due %s, today %s → %s (escalated %s)', (due, today, rule, escalated) => {
    const planned = planOverdue(DEFAULT_REMINDER_RULES, [activity(due, today)]);
    if (rule === null) {
      expect(planned).toEqual([]);
    } else {
      expect(planned).toHaveLength(1);
      expect(planned[0]).toMatchObject({ rule, escalated, toProgrammeManagers: escalated });
    }
  });
});

describe('planNotificationMissing', () => {
  const awaiting = (today: string): DatedSubject => ({
    type: 'agreement',
    id: 'ag',
    date: '2025-04-08',
    today,
    partyCodes: ['CI'],
  });
  it.each<[string, string | null]>([
    ['2025-05-07', null], // 29 days after signature
    ['2025-05-08', 'agreement_notification_missing:30'],
    ['2025-06-06', 'agreement_notification_missing:30'],
    ['2025-06-07', 'agreement_notification_missing:60'],
    ['2025-07-07', 'agreement_notification_missing:90'], // then every 30 days
    ['2025-08-06', 'agreement_notification_missing:120'],
  ])('on %s → %s, to the parties still to notify and the managers', (today, rule) => {
    const planned = planNotificationMissing(DEFAULT_REMINDER_RULES, [awaiting(today)]);
    expect(planned.map((p) => p.rule)[0] ?? null).toBe(rule);
    if (rule) {
      expect(planned[0]).toMatchObject({
        dueOn: '2025-04-08',
        partyCodes: ['CI'],
        toProgrammeManagers: true,
      });
    }
  });
});
