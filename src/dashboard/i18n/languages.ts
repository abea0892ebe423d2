/**
 * The page's languages. Plural entries of every dictionary are keyed by `Intl.PluralRules` categories
 * (Arabic needs zero, one, two, few and many besides other).
 */
export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface LanguageInfo {
  /** Name of the language in itself, for the switch. */
  name: string;
  /** BCP 47 tag for dates and numbers: Moroccan Arabic uses Latin digits, as the MA ministries do. */
  locale: string;
  dir: 'ltr' | 'rtl';
}

export const LANGUAGE_INFO: Record<Language, LanguageInfo> = {
  fr: { name: 'Français', locale: 'fr-FR', dir: 'ltr' },
  en: { name: 'English', locale: 'en-GB', dir: 'ltr' },
  ar: { name: 'العربية', locale: 'ar-MA', dir: 'rtl' },
};

/** One area's words in every language; English and Arabic must have exactly the French keys. */
export interface AreaMessages<T> {
  fr: T;
  en: T;
  ar: T;
}

/** `?lang=` as given, or the default for anything else (absent, unknown, repeated). */
export function pickLanguage(requested: unknown): Language {
  return typeof requested === 'string' && (LANGUAGES as readonly string[]).includes(requested)
    ? (requested as Language)
    : DEFAULT_LANGUAGE;
}
