import { digestWeekDue, mondayOf } from './digest-planner';

describe('weekly digest timing', () => {
  it.each([
    ['2026-11-30', '2026-11-30'], // Monday
    ['2026-12-02', '2026-11-30'], // Wednesday
    ['2026-12-06', '2026-11-30'], // Sunday
    ['2027-01-01', '2026-12-28'], // Friday across the year
  ])('the week of %s starts on %s', (date, monday) => {
    expect(mondayOf(date)).toBe(monday);
  });

  // Early February 2026: Casablanca is at UTC+1 in every tz release (later in 2026, releases differ on
  // Morocco's offset, and Node 20 and 24 ship different ones).
  it.each([
    ['2026-02-02T06:59:00Z', 'Africa/Casablanca', null], // 07:59 local (UTC+1)
    ['2026-02-02T07:00:00Z', 'Africa/Casablanca', '2026-02-02'], // 08:00 local
    ['2026-02-02T07:59:00Z', 'Africa/Abidjan', null], // 07:59 local
    ['2026-02-02T08:00:00Z', 'Africa/Abidjan', '2026-02-02'], // 08:00 local
    ['2026-02-01T23:30:00Z', 'Africa/Casablanca', null], // Monday 00:30 local
    ['2026-02-01T23:30:00Z', 'Africa/Abidjan', '2026-01-26'], // still Sunday: last week's
  ])('at %s in %s the due digest week is %s', (now, zone, week) => {
    expect(digestWeekDue(new Date(now), zone)).toBe(week);
  });
});
