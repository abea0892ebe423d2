import { wallClock } from './wall-clock';

/**
 * When a mail planned at `now` may go out for someone in `timeZone`: at once during local working
 * hours [startHour, endHour), otherwise at the next startHour local time (nobody gets a reminder at
 * 03:00 in Abidjan). Daylight-saving changes (Casablanca around Ramadan) are handled by asking Intl for
 * the zone's offset at the target instant.
 */
export function nextSendingTime(now: Date, timeZone: string, startHour = 8, endHour = 20): Date {
  const local = wallClock(now, timeZone);
  if (local.hour >= startHour && local.hour < endHour) return now;
  const dayShift = local.hour >= endHour ? 1 : 0;
  const targetWall = Date.UTC(local.year, local.month - 1, local.day + dayShift, startHour, 0, 0);
  // First guess with the current offset, then correct with the offset at the guessed instant.
  let instant = targetWall - offsetMs(now, timeZone);
  instant = targetWall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The zone's offset from UTC at `instant`, in milliseconds (Casablanca: +1 h, or 0 in Ramadan). */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * `nextSendingTime` at one instant, worked out once per zone: a sweep gives tens of thousands of mails
 * the same `now`, and its recipients live in a handful of zones (each call costs a few Intl lookups).
 */
export function sendingTimesAt(now: Date): (timeZone: string) => Date {
  const byZone = new Map<string, Date>();
  return (timeZone) => {
    let at = byZone.get(timeZone);
    if (at === undefined) {
      at = nextSendingTime(now, timeZone);
      byZone.set(timeZone, at);
    }
    return at;
  };
}
