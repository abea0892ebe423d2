import { jsonNestsDeeperThan } from './json-depth';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['a flat object', '{"a":1,"b":"x"}', 2, false],
    ['exactly the limit', '{"a":[[1]]}', 3, false],
    ['one level past the limit', '{"a":[[[1]]]}', 3, true],
    ['arrays and objects mixed', '[{"a":{"b":[{}]}}]', 4, true],
    ['brackets inside a string', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote does not end the string', '{"a":"\\"[[[["}', 1, false],
    ['an escaped backslash before the closing quote', '{"a":"\\\\","b":[[[1]]]}', 3, true],
    ['siblings do not add up', '[[1],[2],[3],[4]]', 2, false],
    ['a scalar', '"text"', 0, false],
    ['multi-byte characters in strings', '{"é":"[[[ü"}', 1, false],
  ])('%s', (_name, text, maxDepth, expected) => {
    expect(jsonNestsDeeperThan(bytes(text), maxDepth)).toBe(expected);
  });

  it('answers at once for a few megabytes of brackets', () => {
    const text = bytes('['.repeat(2_400_000) + ']'.repeat(2_400_000));
    expect(jsonNestsDeeperThan(text, 32)).toBe(true);
  });
});
