import type { CalendarDate } from '../../common/time/calendar-date';
import type { Locale } from '../../users/user.entity';

/** BCP 47 tags used for formatting: Moroccan Arabic conventions keep Western digits. */
const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' };

/**
 * One formatter per locale, built once. A new Intl.DateTimeFormat per date was an ICU object of tens
 * of KB outside the JS heap each time, freed only when the wrapper happened to be collected: the
 * weekly digest at 1M activities (20k overdue lines) took the worker from ~250 MB to ~1 GB resident
 * and blocked its event loop for tens of seconds, and every reminder mail left one more behind.
 */
const DATE_FORMATS = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar date written for the reader ("mercredi 7 avril 2027"); dates carry no zone. */
export function formatDate(date: CalendarDate, locale: Locale): string {
  let format = DATE_FORMATS.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'full', timeZone: 'UTC' });
    DATE_FORMATS.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export const direction = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');
