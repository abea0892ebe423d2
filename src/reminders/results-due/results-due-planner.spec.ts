import type { Audience } from '../reminder-recipients';
import { dueReports, resultsDueDeliveries } from './results-due-planner';
import { DEFAULT_RESULTS_REPORTING_RULES } from './results-due-rules';

describe('which reports have a reminder due today', () => {
  const rules = DEFAULT_RESULTS_REPORTING_RULES; // 14 and 3 days before; due 30 days after the period
  const plan = (today: string) => ({
    id: 'plan-a',
    periods: ['2025-H1', '2025-H2', '2026-H1'],
    today,
  });

  it.each([
    ['2025-07-15', []], // H1 due 2025-07-30: 15 days ahead
    ['2025-07-16', [['2025-H1', '2025-07-30', 'results_due', 14]]],
    ['2025-07-27', [['2025-H1', '2025-07-30', 'results_due', 3]]],
    ['2025-07-31', [['2025-H1', '2025-07-30', 'results_overdue', 1]]],
    [
      '2026-01-20',
      [
        ['2025-H1', '2025-07-30', 'results_overdue', 13],
        ['2025-H2', '2026-01-30', 'results_due', 14],
      ],
    ],
  ] as const)('today %s', (today, expected) => {
    expect(
      dueReports([plan(today)], rules).map((r) => [r.period, r.dueOn, r.kind, r.step]),
    ).toEqual(expected);
  });

  it('follows the grace in force: due 10 days after the period', () => {
    const due = dueReports([plan('2025-07-07')], { ...rules, graceDays: 10 });
    expect(due).toEqual([
      { planId: 'plan-a', period: '2025-H1', dueOn: '2025-07-10', kind: 'results_due', step: 3 },
    ]);
  });
});

describe('who hears of a missing report', () => {
  const audience: Audience = {
    users: [
      {
        id: 'u-ma',
        email: 'ma@x',
        role: 'focal_point',
        partyCode: 'MA',
        timeZone: 'Africa/Casablanca',
      },
      { id: 'u-ma-off', email: 'off@x', role: 'focal_point', partyCode: 'MA', timeZone: 'UTC' },
      {
        id: 'u-ci',
        email: 'ci@x',
        role: 'focal_point',
        partyCode: 'CI',
        timeZone: 'Africa/Abidjan',
      },
      { id: 'u-pm', email: 'pm@x', role: 'programme_manager', partyCode: null, timeZone: 'UTC' },
    ],
    switchedOff: new Set(['u-ma-off|results_due|email']),
    webhooks: [
      { id: 'h1', url: 'https://hooks.example/a', events: ['results_due'] },
      { id: 'h2', url: 'https://hooks.example/b', events: ['activity_due'] },
    ],
  };
  const report = {
    planId: 'plan-a',
    period: '2025-H1',
    dueOn: '2025-07-30',
    kind: 'results_due' as const,
    step: 14,
  };

  it('the focal points of the parties still owing values, and subscribed webhooks; no manager', () => {
    const rows = resultsDueDeliveries(report, ['MA'], audience, new Date('2025-07-16T03:00:00Z'));
    expect(
      rows.map((r) => [r.rule, r.recipientAddress, r.channel, r.subjectType, r.dueOn]),
    ).toEqual([
      ['results_due:2025-H1:MA:14', 'ma@x', 'email', 'plan', '2025-07-30'],
      ['results_due:2025-H1:MA:14', 'https://hooks.example/a', 'webhook', 'plan', '2025-07-30'],
    ]);
    // Mail waits for 8:00 in Casablanca (UTC+1); the webhook goes at once.
    expect(rows[0].notBefore.toISOString()).toBe('2025-07-16T07:00:00.000Z');
    expect(rows[1].notBefore.toISOString()).toBe('2025-07-16T03:00:00.000Z');
  });

  it('nobody when every party has reported', () => {
    expect(resultsDueDeliveries(report, [], audience, new Date())).toEqual([]);
  });
});
