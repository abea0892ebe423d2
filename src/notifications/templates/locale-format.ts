import type { CalendarDate } from '../../common/time/calendar-date';
import type { Locale } from '../../users/user.entity';

/** BCP 47 tags used for formatting: Moroccan Arabic conventions keep Western digits. */
const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' };

/** A calendar date written for the reader ("mercredi 7 avril 2027"); dates carry no zone. */
export function formatDate(date: CalendarDate, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

export const direction = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');
