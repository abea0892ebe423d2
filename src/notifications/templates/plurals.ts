import type { Locale } from '../../users/user.entity';

/**
 * Counted phrases, one form per CLDR plural category (`Intl.PluralRules`). French and English have
 * one/other; Arabic has six (zero, one, two, few = 3–10, many = 11–99, other = 100–102…), and the
 * counted noun changes with each: "يوم واحد", "يومين", "5 أيام", "11 يومًا", "100 يوم".
 * `{n}` is the number. A category a language does not list falls back to `other`.
 */
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const COUNTED_PHRASES = {
  /** A lead time: "in 5 days" (Arabic: after بعد, genitive). */
  inDays: {
    fr: { one: 'dans {n} jour', other: 'dans {n} jours' },
    en: { one: 'in {n} day', other: 'in {n} days' },
    ar: {
      zero: 'بعد {n} يوم',
      one: 'بعد يوم واحد',
      two: 'بعد يومين',
      few: 'بعد {n} أيام',
      many: 'بعد {n} يومًا',
      other: 'بعد {n} يوم',
    },
  },
  /** A duration, as in "overdue by 5 days" (Arabic: accusative, "متأخر 5 أيام"). */
  days: {
    fr: { one: '{n} jour', other: '{n} jours' },
    en: { one: '{n} day', other: '{n} days' },
    ar: {
      zero: '{n} يوم',
      one: 'يومًا واحدًا',
      two: 'يومين',
      few: '{n} أيام',
      many: '{n} يومًا',
      other: '{n} يوم',
    },
  },
  /** The weekly digest's count of a party's overdue activities. */
  overdueActivities: {
    fr: { one: '{n} activité en retard', other: '{n} activités en retard' },
    en: { one: '{n} activity overdue', other: '{n} activities overdue' },
    ar: {
      zero: '{n} نشاط متأخر',
      one: 'نشاط واحد متأخر',
      two: 'نشاطان متأخران',
      few: '{n} أنشطة متأخرة',
      many: '{n} نشاطًا متأخرًا',
      other: '{n} نشاط متأخر',
    },
  },
  /** Stagnation nudges: how many open parts have had no update for a while. */
  silentParts: {
    fr: { one: '{n} part sans mise à jour', other: '{n} parts sans mise à jour' },
    en: { one: '{n} part with no update', other: '{n} parts with no update' },
    ar: {
      zero: '{n} جزء دون تحديث',
      one: 'جزء واحد دون تحديث',
      two: 'جزءان دون تحديث',
      few: '{n} أجزاء دون تحديث',
      many: '{n} جزءًا دون تحديث',
      other: '{n} جزء دون تحديث',
    },
  },
  /** Reporting-due reminders: how many indicators still have no value for the period. */
  missingIndicators: {
    fr: { one: '{n} indicateur', other: '{n} indicateurs' },
    en: { one: '{n} indicator', other: '{n} indicators' },
    ar: {
      zero: '{n} مؤشر',
      one: 'مؤشر واحد',
      two: 'مؤشران',
      few: '{n} مؤشرات',
      many: '{n} مؤشرًا',
      other: '{n} مؤشر',
    },
  },
  /** "… and 3 more" after a shortened list. */
  more: {
    fr: { one: 'et {n} autre', other: 'et {n} autres' },
    en: { one: 'and {n} more', other: 'and {n} more' },
    ar: {
      zero: 'و{n} غيرها',
      one: 'ونشاط آخر',
      two: 'ونشاطان آخران',
      few: 'و{n} أنشطة أخرى',
      many: 'و{n} نشاطًا آخر',
      other: 'و{n} نشاط آخر',
    },
  },
} satisfies Record<string, Record<Locale, Forms>>;

export type CountedPhrase = keyof typeof COUNTED_PHRASES;

const rules = new Map<Locale, Intl.PluralRules>();

/** The phrase for `n` in `locale`, with the noun form the language's grammar asks for. */
export function counted(locale: Locale, phrase: CountedPhrase, n: number): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const forms: Forms = COUNTED_PHRASES[phrase][locale];
  const template = forms[rule.select(n)] ?? forms.other;
  return template.replace('{n}', String(n));
}
