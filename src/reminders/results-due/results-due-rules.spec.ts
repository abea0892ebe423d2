import {
  DEFAULT_RESULTS_REPORTING_RULES,
  parseResultsRule,
  resultsReminderDue,
  resultsRule,
} from './results-due-rules';

describe('which reporting reminder applies (due 2025-07-30, leads 14 and 3, overdue every 14 days)', () => {
  const rules = DEFAULT_RESULTS_REPORTING_RULES;
  const dueOn = '2025-07-30';
  it.each([
    ['2025-07-01', null], // 29 days ahead: too early
    ['2025-07-15', null], // 15 days
    ['2025-07-16', { kind: 'results_due', step: 14 }], // 14 days: the first reminder
    ['2025-07-20', { kind: 'results_due', step: 14 }], // a missed 14th day is caught up, once
    ['2025-07-27', { kind: 'results_due', step: 3 }], // 3 days
    ['2025-07-30', { kind: 'results_due', step: 3 }], // the due day itself
    ['2025-07-31', { kind: 'results_overdue', step: 1 }], // the day after: overdue, first time
    ['2025-08-13', { kind: 'results_overdue', step: 1 }], // 14 days late: still the first
    ['2025-08-14', { kind: 'results_overdue', step: 2 }], // 15 days late: the second
    ['2026-01-26', { kind: 'results_overdue', step: 13 }], // 180 days late: the last one
    ['2026-01-27', null], // past 180 days: no more mail
  ])('today %s → %j', (today, expected) => {
    expect(resultsReminderDue(rules, dueOn, today)).toEqual(expected);
  });

  it('no lead times: nothing before the due date, overdue reminders still go', () => {
    const none = { ...rules, daysBefore: [] };
    expect(resultsReminderDue(none, dueOn, '2025-07-29')).toBeNull();
    expect(resultsReminderDue(none, dueOn, '2025-08-01')).toEqual({
      kind: 'results_overdue',
      step: 1,
    });
  });

  it('the key names the period and the party, and reads back', () => {
    const rule = resultsRule('results_due', '2025-H1', 'MA', 14);
    expect(rule).toBe('results_due:2025-H1:MA:14');
    expect(parseResultsRule(rule)).toEqual({ period: '2025-H1', partyCode: 'MA' });
    expect(parseResultsRule(resultsRule('results_overdue', '2026-Q3', 'IOM', 2))).toEqual({
      period: '2026-Q3',
      partyCode: 'IOM',
    });
    expect(parseResultsRule('activity_due:7')).toBeNull();
  });
});
