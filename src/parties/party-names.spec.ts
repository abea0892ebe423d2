import { partyName, partyNames, type PartyLike } from './party-names';

const parties = new Map<string, PartyLike>([
  [
    'MA',
    {
      code: 'MA',
      name: 'Royaume du Maroc',
      type: 'state',
      names: { fr: 'Maroc', en: 'Morocco', ar: 'المغرب' },
    },
  ],
  [
    'IOM',
    {
      code: 'IOM',
      name: 'Organisation internationale pour les migrations',
      type: 'organisation',
      names: { fr: 'OIM', en: 'IOM', ar: 'المنظمة الدولية للهجرة' },
    },
  ],
  ['TN', { code: 'TN', name: 'République tunisienne', type: 'state', names: {} }],
  ['XYZ', { code: 'XYZ', name: 'Some organisation', type: 'organisation', names: {} }],
]);

describe('party names in the reader language', () => {
  it.each([
    ['MA', 'fr', 'Maroc'],
    ['MA', 'ar', 'المغرب'],
    ['IOM', 'fr', 'OIM'],
    ['IOM', 'en', 'IOM'],
    ['IOM', 'ar', 'المنظمة الدولية للهجرة'],
    ['TN', 'en', 'Tunisia'], // no recorded name: the runtime's country name
    ['XYZ', 'ar', 'Some organisation'], // no recorded name, not a state: its full name
    ['ZZZZ', 'fr', 'ZZZZ'], // unknown: the code
  ] as const)('%s in %s is %s', (code, language, expected) => {
    expect(partyName(code, parties, language)).toBe(expected);
  });

  it('joins several names as the language writes lists', () => {
    expect(partyNames(['MA', 'IOM'], parties, 'fr')).toBe('Maroc et OIM');
    expect(partyNames(['MA', 'IOM'], parties, 'en')).toBe('Morocco and IOM');
    expect(partyNames(['MA', 'TN', 'IOM'], parties, 'en')).toBe('Morocco, Tunisia and IOM');
    expect(partyNames(['MA', 'IOM'], parties, 'ar')).toBe('المغرب والمنظمة الدولية للهجرة');
  });
});
