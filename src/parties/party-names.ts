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
  return listFormatFor(language).format(names);
}

// One ICU formatter per language, built once: every reminder mail names its parties, and a new
// Intl object per call holds native memory until its wrapper happens to be collected (see
// notifications/templates/locale-format.ts: the same pattern took the worker past 1 GB).
const LIST_FORMATS = new Map<ContentLanguage, Intl.ListFormat>();
const REGION_NAMES = new Map<ContentLanguage, Intl.DisplayNames>();

function listFormatFor(language: ContentLanguage): Intl.ListFormat {
  let format = LIST_FORMATS.get(language);
  if (!format) {
    format = new Intl.ListFormat(LIST_TAGS[language], { style: 'long', type: 'conjunction' });
    LIST_FORMATS.set(language, format);
  }
  return format;
}

function regionName(code: string, language: ContentLanguage): string | null {
  let names = REGION_NAMES.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    REGION_NAMES.set(language, names);
  }
  try {
    return names.of(code) ?? null;
  } catch {
    // Not a well-formed region subtag (of() throws a RangeError): no country name.
    return null;
  }
}
