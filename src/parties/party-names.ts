import type { ContentLanguage } from '../common/i18n/translations';
import type { Party } from './party.entity';

export type PartyLike = Pick<Party, 'code' | 'name' | 'type' | 'names'>;

/**
 * A party as a reader of `language` knows it: its recorded short name in that language; for a state
 * without one, the country's name from the runtime's CLDR data; else the full name it was created
 * with; and the code only when the party is unknown.
 */
export function partyName(
  code: string,
  parties: ReadonlyMap<string, PartyLike>,
  language: ContentLanguage,
): string {
  const party = parties.get(code);
  const recorded = party?.names?.[language];
  if (recorded) return recorded;
  if (party?.type === 'state' || (!party && /^[A-Z]{2}$/.test(code))) {
    const country = regionName(code, language);
    if (country) return country;
  }
  return party?.name ?? code;
}

/** The same regional conventions as the mails' dates (British English: no serial comma). */
const LIST_TAGS: Record<ContentLanguage, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' };

/** Several parties, joined as the language writes lists ("Maroc et Côte d'Ivoire", "المغرب وكوت ديفوار"). */
export function partyNames(
  codes: readonly string[],
  parties: ReadonlyMap<string, PartyLike>,
  language: ContentLanguage,
): string {
  const names = codes.map((c) => partyName(c, parties, language));
  return new Intl.ListFormat(LIST_TAGS[language], { style: 'long', type: 'conjunction' }).format(
    names,
  );
}

function regionName(code: string, language: ContentLanguage): string | null {
  try {
    const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code);
    return name ?? null;
  } catch {
    return null;
  }
}
