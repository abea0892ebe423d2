import { overdueMoreLine } from './digest-messages';
import { groupOverdueByParty, OVERDUE_LINES_PER_PARTY, type OverdueRow } from './digest-overdue';

const row = (id: string, partyCode: string, total: number): OverdueRow => ({
  id,
  title: `Activity ${id}`,
  translations: {},
  dueOn: '2026-11-01',
  partyCode,
  total,
  planTitle: 'Plan',
  planTranslations: {},
});

describe('overdue activities grouped by party for the digest', () => {
  it('caps the named lines at a readable number', () => {
    expect(OVERDUE_LINES_PER_PARTY).toBe(20);
  });

  it('keeps the true count of a party when only the first ones are named', () => {
    const named = Array.from({ length: OVERDUE_LINES_PER_PARTY }, (_, i) => row(`${i}`, 'CI', 26));
    const [ci] = groupOverdueByParty(named);
    expect(ci.partyCode).toBe('CI');
    expect(ci.total).toBe(26);
    expect(ci.activities).toHaveLength(OVERDUE_LINES_PER_PARTY);
    expect(ci.more).toBe(6);
    // In the rows' (the SQL's: most overdue first) order, without the party's columns.
    expect(ci.activities.map((a) => a.id)).toEqual(named.map((r) => r.id));
    expect(ci.activities[0]).not.toHaveProperty('total');
    expect(ci.activities[0]).not.toHaveProperty('partyCode');
  });

  it('says nothing more when every overdue activity of a party is named', () => {
    const [ma] = groupOverdueByParty([row('a', 'MA', 2), row('b', 'MA', 2)]);
    expect(ma).toMatchObject({ partyCode: 'MA', total: 2, more: 0 });
    expect(ma.activities.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('reads a total sent as text (a bigint) as a number', () => {
    const [ci] = groupOverdueByParty([{ ...row('a', 'CI', 0), total: '30' as unknown as number }]);
    expect(ci.total).toBe(30);
    expect(ci.more).toBe(29);
  });

  it('puts a joint activity under each of its parties, the party with most overdue in all first', () => {
    const groups = groupOverdueByParty([
      row('a', 'CI', 2),
      row('b', 'CI', 2),
      row('a', 'MA', 40),
      row('c', 'MA', 40),
      row('d', 'IOM', 2),
    ]);
    // MA names fewer than CI but counts more: it comes first; CI and IOM tie, by code.
    expect(groups.map((g) => [g.partyCode, g.total, g.activities.map((a) => a.id)])).toEqual([
      ['MA', 40, ['a', 'c']],
      ['CI', 2, ['a', 'b']],
      ['IOM', 2, ['d']],
    ]);
  });
});

describe('the "and N more" line under a shortened party list', () => {
  it.each([
    ['fr', 1, '… et 1 autre'],
    ['fr', 6, '… et 6 autres'],
    ['en', 1, '… and 1 more'],
    ['en', 19980, '… and 19980 more'],
    ['ar', 1, '… ونشاط آخر'],
    ['ar', 2, '… ونشاطان آخران'],
    ['ar', 6, '… و6 أنشطة أخرى'],
    ['ar', 11, '… و11 نشاطًا آخر'],
    ['ar', 100, '… و100 نشاط آخر'],
  ] as const)('%s %d: "%s"', (locale, n, expected) => {
    expect(overdueMoreLine(locale, n)).toBe(expected);
  });
});
