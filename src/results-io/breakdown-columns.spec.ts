import { breakdownColumn, breakdownColumnsOf, parseBreakdownColumn } from './breakdown-columns';

describe('breakdown columns of the values file', () => {
  it.each([
    [{ sex: 'female' }, 'sex:female'],
    [{ age_group: '18_59', sex: 'female' }, 'sex:female|age_group:18_59'],
    [
      { nationality: 'CI', sex: 'male', age_group: '0_17' },
      'sex:male|age_group:0_17|nationality:CI',
    ],
    [{ nationality: 'a|b 100%' }, 'nationality:a%7Cb 100%25'],
  ])('%j ⇄ "%s"', (cell, header) => {
    expect(breakdownColumn(cell)).toBe(header);
    expect(parseBreakdownColumn(header)).toEqual(cell);
  });

  it.each([
    'value',
    'note',
    'sex',
    'sex:',
    ':female',
    'colour:red',
    'age_group:18_59|sex:female', // out of order
    'sex:female|sex:male', // twice
    'sex:female|',
  ])('"%s" is not a breakdown column', (header) => {
    expect(parseBreakdownColumn(header)).toBeNull();
  });

  it('tolerates spaces around names and values', () => {
    expect(parseBreakdownColumn(' sex : female | age_group : 60+ ')).toEqual({
      sex: 'female',
      age_group: '60+',
    });
  });

  it('lays the columns out the same whatever order the values come in', () => {
    const cells = [
      { sex: 'male', age_group: '18_59' },
      { nationality: 'MA' },
      { sex: 'female' },
      { sex: 'female', age_group: '18_59' },
      { sex: 'male' },
      { sex: 'female', age_group: '18_59' },
    ];
    const expected = [
      'sex:female',
      'sex:male',
      'sex:female|age_group:18_59',
      'sex:male|age_group:18_59',
      'nationality:MA',
    ];
    expect(breakdownColumnsOf(cells)).toEqual(expected);
    expect(breakdownColumnsOf([...cells].reverse())).toEqual(expected);
  });
});
