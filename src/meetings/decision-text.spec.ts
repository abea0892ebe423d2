import {
  decisionTextIn,
  mergeDecisionTranslations,
  type DecisionTranslations,
} from './decision-text';

describe('mergeDecisionTranslations', () => {
  const stored: DecisionTranslations = {
    en: { text: 'Hold a workshop' },
    ar: { text: 'تنظيم ورشة' },
  };
  it.each<[string, Parameters<typeof mergeDecisionTranslations>[1], DecisionTranslations]>([
    ['nothing given keeps everything', undefined, stored],
    [
      'a language left out is kept',
      { fr: { text: 'Tenir un atelier' } },
      { fr: { text: 'Tenir un atelier' }, ...stored },
    ],
    ['a language set to null is removed', { ar: null }, { en: stored.en }],
    ['an empty text removes the language', { en: { text: '  ' } }, { ar: stored.ar }],
    [
      'a text replaces the stored one',
      { en: { text: 'Hold two' } },
      { en: { text: 'Hold two' }, ar: stored.ar },
    ],
  ])('%s', (_name, patch, expected) => {
    expect(mergeDecisionTranslations(stored, patch)).toEqual(expected);
  });
});

describe('decisionTextIn', () => {
  const decision = { text: 'Tenir un atelier', translations: { ar: { text: 'تنظيم ورشة' } } };
  it.each([
    ['ar', 'تنظيم ورشة'],
    ['en', 'Tenir un atelier'],
    ['xx', 'Tenir un atelier'],
  ])('in %s → %s', (language, expected) => {
    expect(decisionTextIn(decision, language)).toBe(expected);
  });
});
