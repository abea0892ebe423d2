import { isClosedStatus, type ActivityStatus } from '../activities/activity-rules';
import { addDays, type CalendarDate } from '../common/time/calendar-date';

const TITLE_MAX = 500;
/** "2025–2026", "2025-2026", "2025 — 2026", "2025/2026". */
const YEAR_RANGE = /\b(\d{4})(\s*[–—\-/]\s*)(\d{4})\b/;
const RENEWAL_SUFFIX = /\s*\(renouvellement(?: (\d+))?\)$/;

/** The next cycle starts the day after the previous one's last day. */
export function nextCycleStart(previousEndsOn: CalendarDate): CalendarDate {
  return addDays(previousEndsOn, 1);
}

/**
 * The title of the next cycle: a year range moves by as many years as the start date did
 * ("… 2025–2026", starting 2025-04-08, renewed from 2027-04-08 → "… 2027–2028"). Without a range, or if
 * the range would not change, " (renouvellement)" is appended, then numbered on later renewals.
 */
export function nextCycleTitle(
  title: string,
  previousStartsOn: CalendarDate,
  nextStartsOn: CalendarDate,
): string {
  const shift = Number(nextStartsOn.slice(0, 4)) - Number(previousStartsOn.slice(0, 4));
  const range = YEAR_RANGE.exec(title);
  if (range && shift > 0) {
    const moved = `${Number(range[1]) + shift}${range[2]}${Number(range[3]) + shift}`;
    return title.replace(YEAR_RANGE, moved);
  }
  const suffix = RENEWAL_SUFFIX.exec(title);
  if (suffix) {
    const n = suffix[1] ? Number(suffix[1]) + 1 : 2;
    return title.replace(RENEWAL_SUFFIX, ` (renouvellement ${n})`);
  }
  const added = ' (renouvellement)';
  return title.slice(0, TITLE_MAX - added.length) + added;
}

/** Unfinished work moves to the next cycle; completed and cancelled activities stay where they were. */
export function isCarriedOver(status: ActivityStatus): boolean {
  return !isClosedStatus(status);
}
