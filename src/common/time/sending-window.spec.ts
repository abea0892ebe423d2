import { nextSendingTime, sendingTimesAt } from './sending-window';
import { wallClock } from './wall-clock';

describe('nextSendingTime', () => {
  it.each([
    // [now (UTC), zone, expected (UTC)]
    ['2026-06-15T10:00:00Z', 'Africa/Abidjan', '2026-06-15T10:00:00Z'], // 10:00 local: now
    ['2026-06-15T03:00:00Z', 'Africa/Abidjan', '2026-06-15T08:00:00Z'], // 03:00 local: 08:00 same day
    ['2026-06-15T21:30:00Z', 'Africa/Abidjan', '2026-06-16T08:00:00Z'], // 21:30 local: 08:00 next day
    ['2026-06-15T06:30:00Z', 'Africa/Casablanca', '2026-06-15T07:00:00Z'], // 07:30 local (UTC+1): 08:00 local
    ['2026-06-15T07:00:00Z', 'Africa/Casablanca', '2026-06-15T07:00:00Z'], // 08:00 local exactly
    ['2026-06-15T19:00:00Z', 'Africa/Casablanca', '2026-06-16T07:00:00Z'], // 20:00 local: next morning
    ['2026-03-01T05:00:00Z', 'Africa/Casablanca', '2026-03-01T08:00:00Z'], // Ramadan, UTC+0
    // 21:00 UTC on 21 March 2026 is 21:00 local (Ramadan); the clock moves back to UTC+1 on the 22nd.
    ['2026-03-21T21:00:00Z', 'Africa/Casablanca', '2026-03-22T07:00:00Z'],
  ])('%s in %s → %s', (now, zone, expected) => {
    expect(nextSendingTime(new Date(now), zone).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('lands on 08:00 local time', () => {
    const at = nextSendingTime(new Date('2026-03-21T21:00:00Z'), 'Africa/Casablanca');
    expect(wallClock(at, 'Africa/Casablanca')).toMatchObject({ hour: 8, minute: 0, day: 22 });
  });
});

describe('sendingTimesAt', () => {
  it('answers what nextSendingTime does, for each zone, from one computation per zone', () => {
    const now = new Date('2026-06-15T06:30:00Z'); // 06:30 in Abidjan, 07:30 in Casablanca
    const sendAt = sendingTimesAt(now);
    const first = sendAt('Africa/Casablanca');
    expect(first.toISOString()).toBe('2026-06-15T07:00:00.000Z');
    expect(sendAt('Africa/Abidjan').toISOString()).toBe('2026-06-15T08:00:00.000Z');
    expect(sendAt('Africa/Casablanca')).toBe(first); // the same instance: not computed again
    expect(sendingTimesAt(new Date('2026-06-15T10:00:00Z'))('Africa/Abidjan').toISOString()).toBe(
      '2026-06-15T10:00:00.000Z',
    );
  });
});
