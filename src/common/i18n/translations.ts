/** Languages content can be written in (the same three the page and the mails speak). */
export const CONTENT_LANGUAGES = ['fr', 'en', 'ar'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export const TRANSLATED_FIELDS = ['title', 'description'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

export type TextTranslation = Partial<Record<TranslatedField, string>>;
/** `{ en: { title: 'Workshop' }, ar: { title: 'ورشة' } }`: only what was given, never empty strings. */
export type Translations = Partial<Record<ContentLanguage, TextTranslation>>;

/** What a write body may carry: null or '' clears a field, a null language clears the language. */
export type TranslationsPatch = Partial<
  Record<ContentLanguage, Partial<Record<TranslatedField, string | null>> | null>
>;

export interface Translatable {
  title: string;
  description?: string | null;
  translations?: Translations | null;
}

/** The field in `language` when it was given, else the original (which carries no language). */
export function localized(item: Translatable, field: 'title', language: string): string;
export function localized(
  item: Translatable,
  field: TranslatedField,
  language: string,
): string | null;
export function localized(
  item: Translatable,
  field: TranslatedField,
  language: string,
): string | null {
  const translated = item.translations?.[language as ContentLanguage]?.[field];
  if (translated) return translated;
  return item[field] ?? null;
}

/**
 * Applies a write body's translations to the stored ones, field by field: what is left out stays, null
 * or an empty string removes it, and a language left with nothing disappears (so the stored document
 * stays small and comparisons stay exact).
 */
export function mergeTranslations(
  current: Translations | null | undefined,
  patch: TranslationsPatch | null | undefined,
): Translations {
  const next: Translations = {};
  for (const language of CONTENT_LANGUAGES) {
    const given = patch?.[language];
    const fields: TextTranslation = given === null ? {} : { ...(current?.[language] ?? {}) };
    for (const field of TRANSLATED_FIELDS) {
      const value = given?.[field];
      if (value === undefined) continue; // left out: kept
      if (value === null || value.trim() === '') delete fields[field];
      else fields[field] = value;
    }
    if (Object.keys(fields).length > 0) next[language] = orderedFields(fields);
  }
  return next;
}

function orderedFields(fields: TextTranslation): TextTranslation {
  const ordered: TextTranslation = {};
  for (const field of TRANSLATED_FIELDS) if (fields[field]) ordered[field] = fields[field];
  return ordered;
}

export function sameTranslations(a: Translations | null | undefined, b: Translations): boolean {
  return JSON.stringify(mergeTranslations(a, {})) === JSON.stringify(mergeTranslations(b, {}));
}

/** `["en.title: Workshop", …]`: a translations document as history can show it (a list of strings). */
export function describeTranslations(translations: Translations | null | undefined): string[] {
  const lines: string[] = [];
  for (const language of CONTENT_LANGUAGES) {
    for (const field of TRANSLATED_FIELDS) {
      const value = translations?.[language]?.[field];
      if (value) lines.push(`${language}.${field}: ${value}`);
    }
  }
  return lines;
}
