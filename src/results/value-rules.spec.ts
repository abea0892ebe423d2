import {
  changeNeedsReason,
  disaggregationsProblem,
  reportedValueProblems,
  sameReport,
} from './value-rules';

const byAgeAndSex = { measure: 'number' as const, disaggregations: ['sex', 'age_group'] };

describe('reportedValueProblems', () => {
  it.each([
    ['a plain number', byAgeAndSex, 12, [], []],
    [
      'a breakdown that adds up',
      byAgeAndSex,
      12,
      [
        { sex: 'female', age_group: '18_59', value: 7 },
        { sex: 'male', age_group: '18_59', value: 5 },
      ],
      [],
    ],
    ['one dimension of two', byAgeAndSex, 3, [{ sex: 'female', value: 3 }], []],
    [
      'decimals',
      byAgeAndSex,
      0.3,
      [
        { sex: 'female', value: 0.1 },
        { sex: 'male', value: 0.2 },
      ],
      [],
    ],
    [
      'a breakdown that does not add up',
      byAgeAndSex,
      12,
      [
        { sex: 'female', value: 7 },
        { sex: 'male', value: 4 },
      ],
      ['breakdown'],
    ],
    [
      'a dimension not configured',
      byAgeAndSex,
      3,
      [{ nationality: 'CI', value: 3 }],
      ['breakdown'],
    ],
    [
      'items with different dimensions',
      byAgeAndSex,
      3,
      [
        { sex: 'female', value: 1 },
        { age_group: '0_17', value: 2 },
      ],
      ['breakdown'],
    ],
    [
      'a combination twice',
      byAgeAndSex,
      2,
      [
        { sex: 'female', value: 1 },
        { sex: 'female', value: 1 },
      ],
      ['breakdown'],
    ],
    ['an item without a dimension', byAgeAndSex, 2, [{ value: 2 }], ['breakdown']],
    [
      'a breakdown of an indicator without disaggregation',
      { measure: 'number' as const, disaggregations: [] },
      2,
      [{ sex: 'female', value: 2 }],
      ['breakdown'],
    ],
    ['a percentage in range', { measure: 'percentage' as const, disaggregations: [] }, 100, [], []],
    [
      'a percentage over 100',
      { measure: 'percentage' as const, disaggregations: [] },
      101,
      [],
      ['value'],
    ],
    ['yes', { measure: 'yes_no' as const, disaggregations: [] }, 1, [], []],
    ['no', { measure: 'yes_no' as const, disaggregations: [] }, 0, [], []],
    ['a yes/no of 0.5', { measure: 'yes_no' as const, disaggregations: [] }, 0.5, [], ['value']],
    ['a negative number', byAgeAndSex, -1, [], ['value']],
    [
      'a breakdown of a percentage',
      { measure: 'percentage' as const, disaggregations: ['sex'] },
      50,
      [{ sex: 'female', value: 50 }],
      ['breakdown'],
    ],
  ])('%s → problems on %j', (_name, indicator, value, breakdown, fields) => {
    expect(reportedValueProblems(indicator, value, breakdown).map((p) => p.field)).toEqual(fields);
  });
});

describe('disaggregationsProblem', () => {
  it.each([
    ['number', ['sex', 'age_group'], false],
    ['number', [], false],
    ['number', ['religion'], true],
    ['percentage', ['sex'], true],
    ['yes_no', [], false],
  ] as const)('%s by %j is refused: %p', (measure, disaggregations, refused) => {
    expect(disaggregationsProblem(measure, disaggregations) !== null).toBe(refused);
  });
});

describe('changeNeedsReason', () => {
  it.each([
    [false, undefined, false],
    [false, '', false],
    [true, undefined, true],
    [true, null, true],
    [true, '   ', true],
    [true, 'Corrected after the registry audit', false],
  ])('validated %p with reason %p needs a reason: %p', (validated, reason, expected) => {
    expect(changeNeedsReason(validated, reason)).toBe(expected);
  });
});

describe('sameReport', () => {
  const base = { value: 3, breakdown: [{ sex: 'female', value: 3 }], note: null };
  it.each([
    [{ ...base }, true],
    [{ ...base, value: 3.00001 }, true],
    [{ ...base, value: 4, breakdown: [{ sex: 'female', value: 4 }] }, false],
    [{ ...base, note: 'x' }, false],
    [{ ...base, breakdown: [{ value: 3, sex: 'female' }] }, true],
    [{ ...base, breakdown: [] }, false],
  ])('%j is the same report: %p', (other, expected) => {
    expect(sameReport(base, other)).toBe(expected);
  });
});
