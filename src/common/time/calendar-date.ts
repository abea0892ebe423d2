import { canonicalTimeZone, wallClock } from './wall-clock';
/**
 * Calendar dates as 'YYYY-MM-DD' strings. A date is a day on the calendar, not an instant, so we never
 * hold one in a JS Date at local midnight (that shifts with the host zone and with DST). Arithmetic goes
 * through UTC epoch days, where every day is exactly 86 400 000 ms long.
 */
export type CalendarDate = string;

const MS_PER_DAY = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  year: number;
  month: number; // 1-12
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function tryParse(value: string): Ymd | null {
  const match = PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function parse(value: CalendarDate): Ymd {
  const ymd = tryParse(value);
  if (!ymd) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return ymd;
}

function format({ year, month, day }: Ymd): CalendarDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function toEpochDay(value: CalendarDate): number {
  const { year, month, day } = parse(value);
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999.
  return new Date(0).setUTCFullYear(year, month - 1, day) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): CalendarDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function assertInteger(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

/** Strict 'YYYY-MM-DD' naming a day that exists (no 2025-02-29, no month 13). */
export function isCalendarDate(value: string): boolean {
  return typeof value === 'string' && tryParse(value) !== null;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  assertInteger(days, 'days');
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months; a day missing from the target month clamps to its last day (01-31 + 1 → 02-28/29). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  assertInteger(months, 'months');
  const { year, month, day } = parse(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return format({ year: targetYear, month: targetMonth, day: targetDay });
}

/** `to - from` in whole days: negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  return Math.sign(daysBetween(b, a)) as -1 | 0 | 1;
}

/**
 * `a` is an earlier day than `b`. Zero-padded `YYYY-MM-DD` text sorts in day order, so two such strings
 * compare as text: no parsing, no allocation (list pages ask this for every activity and part, and the
 * parse was a tenth of an overdue page's CPU). Anything else (a year past 9999) goes through
 * compareDates, which also refuses what is not a date.
 */
export function isBeforeDay(a: CalendarDate, b: CalendarDate): boolean {
  if (a.length === 10 && b.length === 10) return a < b;
  return compareDates(a, b) < 0;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== null;
}

// The last answer per zone, by whole second: requests and list rows ask for today's date many times a
// second, and formatToParts is 2 % of a cheap read's CPU. Zone offsets are whole seconds (tzdb), so a
// local date never changes within one second of UTC. Zones that resolved only; capped like
// wall-clock's zone names.
const todayBySecond = new Map<string, { second: number; date: CalendarDate }>();
const TODAY_ZONES_CAP = 2_000;

/** The calendar date on the wall in `timeZone` at instant `now` (deadlines are judged locally). */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const second = Math.floor(now.getTime() / 1000);
  const known = todayBySecond.get(timeZone);
  if (known !== undefined && known.second === second) return known.date;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const date = format(wallClock(now, timeZone));
  if (known !== undefined || todayBySecond.size < TODAY_ZONES_CAP) {
    todayBySecond.set(timeZone, { second, date });
  }
  return date;
}
