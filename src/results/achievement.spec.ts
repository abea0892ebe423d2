import {
  achievementPercent,
  actualValue,
  indicatorAchievement,
  planAchievement,
  type ReportedValue,
  roundHalfUp,
} from './achievement';

const v = (period: string, partyCode: string, value: number): ReportedValue => ({
  period,
  partyCode,
  value,
});

describe('actualValue', () => {
  it.each([
    ['number', [v('2025-H1', 'MA', 10), v('2025-H1', 'CI', 5), v('2025-H2', 'MA', 7)], 22],
    ['number', [v('2025-H1', 'MA', 0)], 0],
    ['number', [], null],
    ['percentage', [v('2025-H1', 'MA', 40), v('2025-H2', 'MA', 60), v('2025-H2', 'CI', 80)], 70],
    ['percentage', [v('2025-H1', 'MA', 40), v('2025-H1', 'CI', 50)], 45],
    ['percentage', [v('2025-H2', 'MA', 90), v('2025-H1', 'CI', 10)], 90],
    ['percentage', [], null],
    ['yes_no', [v('2025-H1', 'MA', 0), v('2025-H2', 'MA', 1)], 1],
    ['yes_no', [v('2025-H2', 'MA', 1), v('2025-H2', 'CI', 0)], 0],
    ['yes_no', [v('2025-H2', 'MA', 1), v('2025-H2', 'CI', 1), v('2025-H1', 'CI', 0)], 1],
    ['yes_no', [v('2025-H1', 'MA', 1), v('2025-Q2', 'CI', 0)], 0],
  ] as const)('%s of %j is %p', (measure, values, expected) => {
    expect(actualValue(measure, values)).toBe(expected);
  });
});

describe('achievementPercent', () => {
  it.each([
    [50, 100, 50],
    [150, 100, 100],
    [23, 40, 58],
    [1, 3, 33],
    [2, 3, 67],
    [0, 10, 0],
    [0, 0, 100],
    [5, 0, 100],
    [null, 100, null],
    [10, null, null],
    [1, 1, 100],
    [0.5, 1, 50],
  ])('actual %p against target %p is %p %%', (actual, target, expected) => {
    expect(achievementPercent(actual, target)).toBe(expected);
  });
});

describe('roundHalfUp', () => {
  it.each([
    [57.49999999999999, 58],
    [57.4, 57],
    [0.5, 1],
    [2.5, 3],
    [83.33333333333333, 83],
  ])('%p rounds to %p', (x, expected) => {
    expect(roundHalfUp(x)).toBe(expected);
  });
});

describe('indicatorAchievement', () => {
  const values = [v('2025-H1', 'MA', 30), v('2025-H2', 'CI', 20), v('2026-H1', 'MA', 5)];
  const targets = [
    { period: '2025', targetValue: 100 },
    { period: '2025-H1', targetValue: 40 },
    { period: '2026', targetValue: 0 },
  ];

  it.each([
    ['2025', { period: '2025', target: 100, actual: 50, percent: 50 }],
    ['2025-H1', { period: '2025-H1', target: 40, actual: 30, percent: 75 }],
    ['2025-H2', { period: '2025-H2', target: null, actual: 20, percent: null }],
    ['2026', { period: '2026', target: 0, actual: 5, percent: 100 }],
    ['2027', { period: '2027', target: null, actual: null, percent: null }],
  ])('for %s', (period, expected) => {
    expect(indicatorAchievement('number', values, targets, period)).toEqual(expected);
  });
});

describe('planAchievement', () => {
  const a = (target: number | null, percent: number | null) => ({
    period: '2025',
    target,
    actual: null,
    percent,
  });
  it.each([
    [[a(10, 50), a(10, 100)], 75, 'the mean of indicators with a target'],
    [[a(10, 50), a(null, null)], 50, 'an indicator without a target does not count'],
    [[a(10, 50), a(10, null)], 25, 'nothing reported counts 0'],
    [[a(null, null)], null, 'no target at all'],
    [[], null, 'no indicator'],
    [[a(1, 100), a(1, 100), a(1, 50)], 83, 'rounded'],
    [[a(1, 1), a(1, 0)], 1, 'a half rounds up'],
  ])('%j → %p (%s)', (indicators, expected, _why) => {
    expect(planAchievement(indicators)).toBe(expected);
  });
});
