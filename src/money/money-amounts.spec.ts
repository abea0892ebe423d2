import {
  canonicalAmount,
  fromCents,
  isCurrencyCode,
  sumAmounts,
  toCents,
  usePercent,
} from './money-amounts';

describe('canonicalAmount', () => {
  it.each([
    [1234.5, '1234.50'],
    ['1234.5', '1234.50'],
    ['1234.50', '1234.50'],
    [1234, '1234.00'],
    ['0001.10', '1.10'],
    [0.01, '0.01'],
    ['0.01', '0.01'],
    ['9999999999999999.99', '9999999999999999.99'],
  ])('%p → %p', (input, expected) => {
    expect(canonicalAmount(input)).toBe(expected);
  });

  it.each([
    [0],
    ['0'],
    ['0.00'],
    [-5],
    ['-5'],
    [0.1 + 0.2],
    ['1.234'],
    ['1,5'],
    ['1e3'],
    [1e21],
    [-6e-323],
    [6e-323],
    [Number.MIN_VALUE],
    [1e-7],
    [Number.MAX_VALUE],
    ['10000000000000000'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [''],
    [' 12'],
    ['.5'],
    ['5.'],
    [null],
    [true],
    [{}],
  ])('%p is refused', (input) => {
    expect(canonicalAmount(input)).toBeNull();
  });
});

describe('cents', () => {
  it('round-trips and sums exactly where floats do not', () => {
    expect(fromCents(toCents('1234.56'))).toBe('1234.56');
    expect(toCents('0.10') + toCents('0.20')).toBe(30n);
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(['9999999999999999.99', '0.01'])).toBe('10000000000000000.00');
    expect(sumAmounts([])).toBe('0.00');
    expect(fromCents(-5n)).toBe('-0.05');
  });
});

describe('usePercent', () => {
  it.each([
    ['1000.00', '0.00', 0],
    ['1000.00', '250.00', 25],
    ['3.00', '1.00', 33],
    ['3.00', '2.00', 67],
    ['200.00', '1.00', 1], // 0.5 % rounds half up
    ['1000.00', '1500.00', 150],
    ['0.00', '10.00', null],
    ['0.00', '0.00', null],
  ])('planned %s, spent %s → %p', (planned, spent, expected) => {
    expect(usePercent(planned, spent)).toBe(expected);
  });
});

describe('isCurrencyCode', () => {
  it.each([
    ['EUR', true],
    ['MAD', true],
    ['XOF', true],
    ['USD', true],
    ['eur', false],
    ['EURO', false],
    ['ZZZ', false],
    ['', false],
    [978, false],
  ])('%p → %p', (value, expected) => {
    expect(isCurrencyCode(value)).toBe(expected);
  });
});
