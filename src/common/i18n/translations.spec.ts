import {
  describeTranslations,
  localized,
  mergeTranslations,
  sameTranslations,
} from './translations';

describe('translations of titles and descriptions', () => {
  const item = {
    title: 'Atelier',
    description: 'Description originale',
    translations: { en: { title: 'Workshop' }, ar: { title: 'ورشة', description: 'وصف' } },
  };

  it.each([
    ['en', 'title', 'Workshop'],
    ['en', 'description', 'Description originale'], // not translated: the original
    ['ar', 'description', 'وصف'],
    ['fr', 'title', 'Atelier'],
    ['de', 'title', 'Atelier'], // a language content is never written in: the original
  ] as const)('in %s, %s reads %s', (language, field, expected) => {
    expect(localized(item, field, language)).toBe(expected);
  });

  it('keeps what a patch leaves out, and clears with null or an empty string', () => {
    const current = { en: { title: 'Workshop', description: 'Text' }, ar: { title: 'ورشة' } };
    expect(mergeTranslations(current, { en: { title: 'Seminar' } })).toEqual({
      en: { title: 'Seminar', description: 'Text' },
      ar: { title: 'ورشة' },
    });
    expect(mergeTranslations(current, { en: { description: null }, ar: { title: '  ' } })).toEqual({
      en: { title: 'Workshop' },
    });
    expect(mergeTranslations(current, { ar: null })).toEqual({
      en: { title: 'Workshop', description: 'Text' },
    });
    expect(mergeTranslations(current, { en: { title: undefined } })).toEqual(current);
  });

  it('compares and describes documents whatever their key order', () => {
    expect(
      sameTranslations(
        { ar: { title: 'a' }, en: { title: 'b' } },
        { en: { title: 'b' }, ar: { title: 'a' } },
      ),
    ).toBe(true);
    expect(sameTranslations({}, { en: { title: 'b' } })).toBe(false);
    expect(
      describeTranslations({ ar: { title: 'ورشة' }, en: { description: 'D', title: 'W' } }),
    ).toEqual(['en.title: W', 'en.description: D', 'ar.title: ورشة']);
  });
});
