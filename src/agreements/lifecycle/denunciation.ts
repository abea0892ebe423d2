import { addDays, addMonths, CalendarDate } from '../../common/time/calendar-date';

/**
 * The notice a denunciation needs. When the text has no clause, the Vienna Convention on the Law of
 * Treaties (art. 56(2)) gives "not less than twelve months' notice"; that is the default here.
 */
export type DenunciationNotice = { months: number } | { days: number };

export const DEFAULT_DENUNCIATION_NOTICE: DenunciationNotice = { months: 12 };

/**
 * The date on which a denounced agreement ceases to be in force: the notice period counted from the day
 * the other party received the notification (1 March 2026 with twelve months → 1 March 2027). Months
 * count to the same calendar day, or the month's last day when that day does not exist (31 January
 * + 1 month → 28 or 29 February), as the term arithmetic does.
 */
export function denunciationTakesEffectOn(
  notifiedOn: CalendarDate,
  notice: DenunciationNotice | null = null,
): CalendarDate {
  const period = notice ?? DEFAULT_DENUNCIATION_NOTICE;
  if ('months' in period) {
    if (!Number.isInteger(period.months) || period.months < 0)
      throw new RangeError(`months must be a non-negative integer, got ${period.months}`);
    return addMonths(notifiedOn, period.months);
  }
  if (!Number.isInteger(period.days) || period.days < 0)
    throw new RangeError(`days must be a non-negative integer, got ${period.days}`);
  return addDays(notifiedOn, period.days);
}
