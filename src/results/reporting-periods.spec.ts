import {
  comparePeriods,
  isPeriodKey,
  isTargetPeriodOfPlan,
  latestPeriod,
  periodContaining,
  periodEndsOn,
  periodStartsOn,
  periodsOfPlan,
  periodWithin,
  periodYear,
  reportDueOn,
} from './reporting-periods';

describe('period keys', () => {
  it.each([
    ['2025-H1', true],
    ['2025-H2', true],
    ['2025-Q4', true],
    ['2025-H3', false],
    ['2025-Q0', false],
    ['2025', false],
    ['25-H1', false],
    ['2025-h1', false],
    ['2025-H1 ', false],
  ])('%p is a reporting period: %p', (key, expected) => {
    expect(isPeriodKey(key)).toBe(expected);
  });

  it.each([
    ['2025-H1', '2025-01-01', '2025-06-30'],
    ['2025-H2', '2025-07-01', '2025-12-31'],
    ['2025-Q1', '2025-01-01', '2025-03-31'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2025-Q2', '2025-04-01', '2025-06-30'],
    ['2025-Q3', '2025-07-01', '2025-09-30'],
    ['2025-Q4', '2025-10-01', '2025-12-31'],
  ])('%s runs from %s to %s', (key, startsOn, endsOn) => {
    expect([periodStartsOn(key), periodEndsOn(key)]).toEqual([startsOn, endsOn]);
  });

  it.each([
    ['2025-H1', 30, '2025-07-30'],
    ['2025-H2', 30, '2026-01-30'],
    ['2025-Q1', 15, '2025-04-15'],
    ['2025-Q4', 0, '2025-12-31'],
  ])('the report of %s is due %d days after its end: %s', (key, days, expected) => {
    expect(reportDueOn(key, days)).toBe(expected);
  });

  it('the report is due 30 days after the period by default', () => {
    expect(reportDueOn('2026-H1')).toBe('2026-07-30');
  });

  it.each([
    ['2025-H1', '2025'],
    ['2026-Q3', '2026'],
    ['2027', '2027'],
  ])('%s is in year %s', (key, year) => {
    expect(periodYear(key)).toBe(year);
  });

  it('refuses what is not a period', () => {
    expect(() => periodStartsOn('2025-H3')).toThrow(RangeError);
  });
});

describe('periodContaining', () => {
  it.each([
    ['2025-01-01', 'half_year', '2025-H1'],
    ['2025-06-30', 'half_year', '2025-H1'],
    ['2025-07-01', 'half_year', '2025-H2'],
    ['2025-03-31', 'quarter', '2025-Q1'],
    ['2025-04-01', 'quarter', '2025-Q2'],
    ['2025-12-31', 'quarter', '2025-Q4'],
  ] as const)('%s falls in the %s period %s', (date, frequency, expected) => {
    expect(periodContaining(date, frequency)).toBe(expected);
  });
});

describe('periodsOfPlan', () => {
  it.each([
    [
      '2025-04-08',
      '2027-04-07',
      'half_year',
      ['2025-H1', '2025-H2', '2026-H1', '2026-H2', '2027-H1'],
      'the demo plan: partial first and last halves count',
    ],
    ['2025-04-08', '2025-12-31', 'quarter', ['2025-Q2', '2025-Q3', '2025-Q4'], 'quarters'],
    ['2025-01-01', '2025-06-30', 'half_year', ['2025-H1'], 'exactly one half-year'],
    ['2025-06-30', '2025-07-01', 'quarter', ['2025-Q2', '2025-Q3'], 'two days across a boundary'],
    ['2025-07-01', '2025-06-30', 'quarter', [], 'a term that ends before it starts'],
  ] as const)('%s to %s by %s: %j (%s)', (startsOn, endsOn, frequency, expected, _why) => {
    expect(periodsOfPlan(startsOn, endsOn, frequency)).toEqual(expected);
  });
});

describe('periodWithin', () => {
  it.each([
    ['2025-H1', '2025', true],
    ['2025-Q4', '2025', true],
    ['2025-H1', '2026', false],
    ['2025-Q1', '2025-H1', true],
    ['2025-Q2', '2025-H1', true],
    ['2025-Q3', '2025-H1', false],
    ['2025-H1', '2025-H1', true],
    ['2025-H1', '2025-Q1', false],
    ['2025', '2025', false],
  ])('%s counts towards %s: %p', (period, container, expected) => {
    expect(periodWithin(period, container)).toBe(expected);
  });
});

describe('latestPeriod and comparePeriods', () => {
  it.each([
    [['2025-H1', '2025-H2'], '2025-H2', 'the later half'],
    [['2025-Q3', '2025-H1'], '2025-Q3', 'ends later'],
    [['2025-H1', '2025-Q2'], '2025-Q2', 'both end on 30 June: the greater key'],
    [['2026-Q1', '2025-H2'], '2026-Q1', 'a later year'],
    [[], null, 'none'],
  ])('latest of %j is %p (%s)', (keys, expected, _why) => {
    expect(latestPeriod(keys)).toBe(expected);
  });

  it('orders by end date first', () => {
    expect(['2025-H2', '2025-Q1', '2025-H1'].sort(comparePeriods)).toEqual([
      '2025-Q1',
      '2025-H1',
      '2025-H2',
    ]);
  });
});

describe('isTargetPeriodOfPlan', () => {
  it.each([
    ['2025', true],
    ['2027', true],
    ['2024', false],
    ['2028', false],
    ['2025-H1', true],
    ['2025-Q1', false],
    ['2025-Q2', true],
    ['2027-H2', false],
    ['2025-H3', false],
  ])('%s is a target period of a plan from 2025-04-08 to 2027-04-07: %p', (key, expected) => {
    expect(isTargetPeriodOfPlan(key, '2025-04-08', '2027-04-07')).toBe(expected);
  });
});
