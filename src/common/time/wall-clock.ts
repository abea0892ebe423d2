/** Date and time on the wall in a zone at an instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs tens of microseconds; sweeps and lists ask per row.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Pinned calendar, digits and 24-hour cycle, so parts do not depend on locale data.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-iso8601-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

// Zone names resolved so far. todayIn() checks its zone on every call (per row in lists and sweeps), and
// resolving a name builds an Intl.DateTimeFormat (about 150 µs) where a map read is well under 1 µs.
// Only names that resolve are kept, and only so many: names come from users, and IANA names are
// case-insensitive, so the set of spellings is open-ended; past the cap a name is resolved each time.
const resolvedZones = new Map<string, string>();
const RESOLVED_ZONES_CAP = 2_000;

/**
 * The zone's canonical IANA name as this runtime resolves it (`US/Pacific-New` → `America/Los_Angeles`),
 * or null when unknown. Stored names are canonical so that PostgreSQL's `AT TIME ZONE` knows them too.
 */
export function canonicalTimeZone(timeZone: string): string | null {
  // An empty zone would silently fall back to the host zone instead of throwing.
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return null;
  const known = resolvedZones.get(timeZone);
  if (known !== undefined) return known;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (resolvedZones.size < RESOLVED_ZONES_CAP) resolvedZones.set(timeZone, canonical);
  return canonical;
}

/** How many zone names are remembered (for tests of the cap). */
export function resolvedZoneCount(): number {
  return resolvedZones.size;
}
