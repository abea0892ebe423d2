import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  isBeforeDay,
  isCalendarDate,
  isValidTimeZone,
  minDate,
  todayIn,
} from './calendar-date';

describe('isCalendarDate', () => {
  it.each([
    ['2025-06-15', 'an ordinary date'],
    ['2024-02-29', 'a leap day in a year divisible by 4'],
    ['2000-02-29', 'a leap day in a year divisible by 400'],
    ['2025-12-31', 'the last day of the year'],
  ])('accepts %s (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['2025-02-29', '29 February in a common year'],
    ['2100-02-29', '29 February in a century year not divisible by 400'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-04-31', '31 April'],
    ['2025-01-00', 'day 0'],
    ['2025-1-01', 'an unpadded month'],
    ['2025-01-01T00:00:00Z', 'a timestamp'],
    [' 2025-01-01', 'surrounding whitespace'],
    ['20250101', 'no separators'],
    ['', 'an empty string'],
  ])('rejects %j (%s)', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-29', 2, '2025-03-31'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-06-15', 0, '2025-06-15'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s %+d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects a fractional number of days', () => {
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
  });

  it('rejects a date that does not exist', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2024-11-15', 3, '2025-02-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-01-15', -13, '2023-12-15'],
    ['2025-05-10', 0, '2025-05-10'],
  ])('%s %+d months is %s (clamped to month end when needed)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('rejects a fractional number of months', () => {
    expect(() => addMonths('2025-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2025-01-01', '2025-01-01', 0],
    ['2025-01-01', '2025-01-02', 1],
    ['2025-01-02', '2025-01-01', -1],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2100-02-28', '2100-03-01', 1],
    ['2000-02-28', '2000-03-01', 2],
    ['2025-03-29', '2025-03-31', 2],
    ['2025-10-27', '2025-10-25', -2],
  ])('from %s to %s is %d days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('compareDates, minDate', () => {
  it.each([
    ['2025-01-01', '2025-01-02', -1],
    ['2025-01-02', '2025-01-02', 0],
    ['2025-01-02', '2024-12-31', 1],
    ['2025-10-01', '2025-09-30', 1],
  ])('compareDates(%s, %s) is %d', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it.each([
    ['2025-01-01', '2025-01-02'],
    ['2024-12-31', '2025-01-01'],
    ['2025-09-30', '2025-10-01'],
    ['0999-12-31', '1000-01-01'],
  ])(
    '%s is before %s, and not the other way round (isBeforeDay agrees with compareDates)',
    (a, b) => {
      expect(isBeforeDay(a, b)).toBe(true);
      expect(isBeforeDay(b, a)).toBe(false);
      expect(isBeforeDay(a, a)).toBe(false);
      expect(compareDates(a, b)).toBe(-1);
    },
  );

  it('isBeforeDay refuses a value that is not a date of the usual length, as compareDates does', () => {
    expect(() => isBeforeDay('2025-1-1', '2025-01-02')).toThrow(RangeError);
  });

  it.each([
    ['2025-01-02', '2024-12-31', '2024-12-31'],
    ['2024-02-29', '2024-03-01', '2024-02-29'],
  ])('of %s and %s the earlier is %s', (a, b, earlier) => {
    expect(minDate(a, b)).toBe(earlier);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Africa/Abidjan', true],
    ['Africa/Casablanca', true],
    ['Europe/Paris', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['not a zone', false],
    ['', false],
  ])('%j is valid: %s', (timeZone, expected) => {
    expect(isValidTimeZone(timeZone)).toBe(expected);
  });
});

describe('todayIn', () => {
  it.each([
    ['Africa/Abidjan', '2025-06-15T23:30:00Z', '2025-06-15', 'UTC+0 all year: still the same day'],
    ['Africa/Casablanca', '2025-06-15T23:30:00Z', '2025-06-16', 'UTC+1 outside Ramadan: next day'],
    [
      'Africa/Casablanca',
      '2025-06-15T22:59:59Z',
      '2025-06-15',
      'UTC+1: one second before midnight',
    ],
    ['Africa/Casablanca', '2025-06-15T23:00:00Z', '2025-06-16', 'UTC+1: exactly local midnight'],
    ['Africa/Casablanca', '2025-03-10T23:30:00Z', '2025-03-10', 'UTC+0 during Ramadan 2025'],
    ['Africa/Abidjan', '2025-03-10T23:30:00Z', '2025-03-10', 'UTC+0 all year'],
    ['Africa/Casablanca', '2025-02-22T23:30:00Z', '2025-02-23', 'UTC+1 the evening before Ramadan'],
    ['Africa/Casablanca', '2025-02-23T23:30:00Z', '2025-02-23', 'UTC+0 from 2025-02-23'],
    ['Africa/Casablanca', '2025-04-05T23:30:00Z', '2025-04-05', 'UTC+0 until 2025-04-06'],
    ['Africa/Casablanca', '2025-04-06T23:30:00Z', '2025-04-07', 'UTC+1 again from 2025-04-06'],
    ['Africa/Casablanca', '2026-02-14T23:30:00Z', '2026-02-15', 'UTC+1 before Ramadan 2026'],
    ['Africa/Casablanca', '2026-03-10T23:30:00Z', '2026-03-10', 'UTC+0 during Ramadan 2026'],
    ['Africa/Casablanca', '2026-03-22T23:30:00Z', '2026-03-23', 'UTC+1 after Ramadan 2026'],
    ['Africa/Abidjan', '2025-12-31T23:59:59Z', '2025-12-31', 'UTC+0: last second of the year'],
    ['Africa/Casablanca', '2025-12-31T23:00:00Z', '2026-01-01', 'UTC+1: already new year'],
  ])('in %s at %s it is %s (%s)', (timeZone, instant, expected) => {
    expect(todayIn(timeZone, new Date(instant))).toBe(expected);
  });

  // Guards the assumption behind the cases above: if Node's tz data moves Ramadan, fail here first.
  it.each([
    ['2025-02-23T01:59:00Z', 'GMT+1'],
    ['2025-02-23T02:00:00Z', 'GMT+0'],
    ['2025-04-06T01:59:00Z', 'GMT+0'],
    ['2025-04-06T02:00:00Z', 'GMT+1'],
    ['2026-02-15T02:00:00Z', 'GMT+0'],
    ['2026-03-22T02:00:00Z', 'GMT+1'],
  ])("at %s Node's tz data puts Casablanca at %s", (instant, offset) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Africa/Casablanca',
      timeZoneName: 'shortOffset',
    }).formatToParts(new Date(instant));
    expect(parts.find((p) => p.type === 'timeZoneName')?.value).toBe(offset);
  });

  it('answers each instant for itself, asked in quick succession across a local midnight', () => {
    // todayIn remembers its last answer per zone for one second of UTC: the next second, the
    // millisecond before it and another zone in the same second must not get a stale date.
    const asked: [string, string, string][] = [
      ['Africa/Casablanca', '2025-06-15T22:59:59.000Z', '2025-06-15'],
      ['Africa/Casablanca', '2025-06-15T22:59:59.999Z', '2025-06-15'],
      ['Africa/Abidjan', '2025-06-15T22:59:59.999Z', '2025-06-15'],
      ['Africa/Casablanca', '2025-06-15T23:00:00.000Z', '2025-06-16'],
      ['Africa/Casablanca', '2025-06-15T22:59:59.500Z', '2025-06-15'],
      ['Africa/Abidjan', '2025-06-15T23:00:00.000Z', '2025-06-15'],
      ['Africa/Casablanca', '2025-06-15T23:00:00.001Z', '2025-06-16'],
    ];
    expect(asked.map(([zone, instant]) => todayIn(zone, new Date(instant)))).toEqual(
      asked.map(([, , expected]) => expected),
    );
  });

  it('rejects an unknown time zone instead of using the host zone', () => {
    expect(() => todayIn('Mars/Olympus_Mons', new Date('2025-01-01T00:00:00Z'))).toThrow(
      RangeError,
    );
  });
});
