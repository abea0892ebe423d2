import { CONTENT_LANGUAGES, type ContentLanguage } from '../common/i18n/translations';

/** A decision's text in other languages than the original: `{ ar: { text: '…' } }`. */
export type DecisionTranslations = Partial<Record<ContentLanguage, { text: string }>>;

/** What a write body may carry: a language set to null (or an empty text) is removed, left out is kept. */
export type DecisionTranslationsPatch = Partial<
  Record<ContentLanguage, { text?: string | null } | null>
>;

export function mergeDecisionTranslations(
  current: DecisionTranslations | null | undefined,
  patch: DecisionTranslationsPatch | null | undefined,
): DecisionTranslations {
  const next: DecisionTranslations = {};
  for (const language of CONTENT_LANGUAGES) {
    const given = patch?.[language];
    let text = current?.[language]?.text;
    if (given === null) text = undefined;
    else if (given?.text !== undefined) text = given.text?.trim() ? given.text : undefined;
    if (text) next[language] = { text };
  }
  return next;
}

/** The text in `language` when given, else the original. */
export function decisionTextIn(
  decision: { text: string; translations?: DecisionTranslations | null },
  language: string,
): string {
  return decision.translations?.[language as ContentLanguage]?.text || decision.text;
}
