import { ACTIVITY_STATUSES } from '../../activities/activity-rules';
import { activityScope, IATI_ACTIVITY_STATUS, sectorsFor, splitEvenly } from './iati-codes';

describe('IATI codes', () => {
  it.each([
    ['planned', '1'],
    ['in_progress', '2'],
    ['completed', '3'],
    ['cancelled', '5'],
    ['postponed', '6'],
  ])('status %s is activity-status %s', (status, code) => {
    expect(IATI_ACTIVITY_STATUS[status as keyof typeof IATI_ACTIVITY_STATUS]).toBe(code);
  });

  it('maps every activity status', () => {
    for (const status of ACTIVITY_STATUSES) expect(IATI_ACTIVITY_STATUS[status]).toBeDefined();
  });

  it.each([
    [[], [['15190', 100]]],
    [['data_collection'], [['15190', 100]]],
    [
      ['victim_support', 'referral_mechanisms'],
      [
        ['15190', 50],
        ['15160', 50],
      ],
    ],
    [
      ['child_trafficking'],
      [
        ['15190', 50],
        ['15160', 50],
      ],
    ],
  ])('themes %j give sectors %j', (themes, expected) => {
    const sectors = sectorsFor(themes as string[]);
    expect(sectors.map((s) => [s.code, s.percentage])).toEqual(expected);
    expect(sectors.reduce((sum, s) => sum + s.percentage, 0)).toBe(100);
  });

  it.each([
    [[], []],
    [['MA'], [100]],
    [
      ['MA', 'CI'],
      [50, 50],
    ],
    [
      ['MA', 'CI', 'TN'],
      [34, 33, 33],
    ],
    [
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'],
      [15, 15, 14, 14, 14, 14, 14],
    ],
  ])('splits 100 over %j as %j', (codes, expected) => {
    expect(splitEvenly(codes).map((s) => s.percentage)).toEqual(expected);
  });

  it.each([
    [0, null],
    [1, '4'],
    [2, '3'],
  ])('%d recipient countries give scope %s', (n, scope) => {
    expect(activityScope(n)).toBe(scope);
  });
});
