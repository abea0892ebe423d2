import { groupOverdueByParty, type OverdueActivity } from './digest-overdue';

const activity = (id: string, partyCodes: string[]): OverdueActivity => ({
  id,
  title: `Activity ${id}`,
  translations: {},
  dueOn: '2026-11-01',
  partyCodes,
  planTitle: 'Plan',
  planTranslations: {},
});

describe('overdue activities grouped by party for the digest', () => {
  it('lists every overdue activity of a party, however many (the count is the list)', () => {
    const six = ['1', '2', '3', '4', '5', '6'].map((id) => activity(id, ['CI']));
    const [ci] = groupOverdueByParty(six);
    expect(ci.partyCode).toBe('CI');
    expect(ci.activities.map((a) => a.id)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('puts a joint activity under each of its parties, the party with most first', () => {
    const groups = groupOverdueByParty([
      activity('a', ['MA', 'CI']),
      activity('b', ['CI']),
      activity('c', ['MA']),
      activity('d', ['IOM', 'MA']),
    ]);
    expect(groups.map((g) => [g.partyCode, g.activities.map((a) => a.id)])).toEqual([
      ['MA', ['a', 'c', 'd']],
      ['CI', ['a', 'b']],
      ['IOM', ['d']],
    ]);
  });
});
