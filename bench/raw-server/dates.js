'use strict';
/** Calendar dates as 'YYYY-MM-DD' strings, as Accords answers them (common/time/calendar-date.ts). */

// One formatter per time zone, built once: en-CA formats as YYYY-MM-DD.
const formatters = new Map();

function todayIn(timeZone, now = new Date()) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(now);
}

const DAY_MS = 86_400_000;
const epochDay = (date) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

function addDays(date, days) {
  return new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from, to) {
  return epochDay(to) - epochDay(from);
}

const CLOSED = new Set(['completed', 'cancelled']);

/** activity-rules.ts isOverdue: open and the due day is over. */
function isOverdue(status, dueOn, today) {
  return !CLOSED.has(status) && dueOn !== null && dueOn < today;
}

module.exports = { todayIn, addDays, daysBetween, isOverdue, CLOSED };
