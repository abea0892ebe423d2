import { statementName } from './prepared';

describe('prepared statement names', () => {
  it('gives one text one name, and two texts two names', () => {
    const a = 'SELECT 1 WHERE $1::int = 1';
    const b = 'SELECT 1 WHERE $1::int = 2';
    expect(statementName(a)).toBe(statementName(a));
    expect(statementName(a)).not.toBe(statementName(b));
  });

  it('fits PostgreSQL identifiers (63 bytes)', () => {
    expect(statementName('x'.repeat(10_000))).toMatch(/^accords_[0-9a-f]{20}$/);
  });
});
