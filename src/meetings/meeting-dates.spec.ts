import { meetingDateError, statusChangeError } from './meeting-dates';

describe('meetingDateError', () => {
  it.each<['planned' | 'held', string, string | null]>([
    ['planned', '2026-12-03', null],
    ['planned', '2026-12-02', null],
    ['planned', '2026-12-01', 'heldOn'],
    ['held', '2026-12-01', null],
    ['held', '2026-12-02', null],
    ['held', '2026-12-03', 'heldOn'],
  ])('%s on %s with today 2026-12-02 → %s', (status, heldOn, field) => {
    expect(meetingDateError(status, heldOn, '2026-12-02')?.field ?? null).toBe(field);
  });
});

describe('statusChangeError', () => {
  it.each<['planned' | 'held', 'planned' | 'held', string | null]>([
    ['planned', 'held', null],
    ['planned', 'planned', null],
    ['held', 'held', null],
    ['held', 'planned', 'status'],
  ])('%s → %s: %s', (from, to, field) => {
    expect(statusChangeError(from, to)?.field ?? null).toBe(field);
  });
});
