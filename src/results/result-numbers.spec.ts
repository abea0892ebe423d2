import { decimalPlaces, isDecimalNumber } from './result-numbers';

describe('decimalPlaces', () => {
  it.each([
    [0, 0],
    [12, 0],
    [1e21, 0],
    [Number.MAX_VALUE, 0],
    [0.5, 1],
    [-0.5, 1],
    [2.0005, 4],
    [2.00005, 5],
    [0.000001, 6],
    [1e-7, 7],
    [1.5e-7, 8],
    [-6e-323, 323],
    [Number.MIN_VALUE, 324],
    [0.1 + 0.2, 17],
  ])('%p has %p', (value, places) => {
    expect(decimalPlaces(value)).toBe(places);
  });
});

describe('isDecimalNumber (four decimals)', () => {
  it.each([[0], [1], [0.0001], [1e12 + 0.5], [99.9999], [1e21]])('%p is taken', (value) => {
    expect(isDecimalNumber(value, 4)).toBe(true);
  });

  it.each([
    [0.00001],
    [1e-7],
    [6e-323],
    [-6e-323],
    [Number.MIN_VALUE],
    [0.1 + 0.2],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['1'],
    [null],
  ])('%p is refused', (value) => {
    expect(isDecimalNumber(value, 4)).toBe(false);
  });
});
