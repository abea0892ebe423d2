import { isCarriedOver, nextCycleStart, nextCycleTitle } from './renewal-rules';

describe('plan renewal rules', () => {
  it.each([
    ['2027-04-07', '2027-04-08'],
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
  ])('a plan ending %s is followed by one starting %s', (endsOn, startsOn) => {
    expect(nextCycleStart(endsOn)).toBe(startsOn);
  });

  it.each([
    [
      "Plan d'action bilatéral 2025–2026 de lutte contre la traite",
      '2025-04-08',
      '2027-04-08',
      "Plan d'action bilatéral 2027–2028 de lutte contre la traite",
    ],
    ['Plan 2026-2028', '2026-02-01', '2028-02-01', 'Plan 2028-2030'],
    ['Plan 2025/2026', '2025-01-01', '2026-07-01', 'Plan 2026/2027'],
    ['Plan 2025 — 2026', '2025-01-01', '2027-01-01', 'Plan 2027 — 2028'],
    ['Plan conjoint', '2025-01-01', '2027-01-01', 'Plan conjoint (renouvellement)'],
    [
      'Plan conjoint (renouvellement)',
      '2027-01-01',
      '2029-01-01',
      'Plan conjoint (renouvellement 2)',
    ],
    [
      'Plan conjoint (renouvellement 2)',
      '2029-01-01',
      '2031-01-01',
      'Plan conjoint (renouvellement 3)',
    ],
    [
      'Plan semestriel 2025–2025',
      '2025-01-01',
      '2025-07-01',
      'Plan semestriel 2025–2025 (renouvellement)',
    ],
  ])('%j starting %s, renewed from %s, becomes %j', (title, from, to, expected) => {
    expect(nextCycleTitle(title, from, to)).toBe(expected);
  });

  it('keeps the title within 500 characters', () => {
    expect(nextCycleTitle('x'.repeat(500), '2025-01-01', '2027-01-01')).toHaveLength(500);
  });

  it.each([
    ['planned', true],
    ['in_progress', true],
    ['postponed', true],
    ['completed', false],
    ['cancelled', false],
  ] as const)('an activity %s is carried over: %s', (status, expected) => {
    expect(isCarriedOver(status)).toBe(expected);
  });
});
