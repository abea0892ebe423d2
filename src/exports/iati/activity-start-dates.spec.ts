import { recordedStart } from './activity-start-dates';

describe('recordedStart (IATI actual start from status history)', () => {
  const march = new Date('2026-03-02T09:00:00Z');
  const lateEvening = new Date('2026-03-02T23:30:00Z'); // already 3 March in Cairo (UTC+2)

  it.each([
    ['planned → in progress: the day it moved', 'planned', march, '2026-03-02'],
    ['planned → completed at once: the completion day', 'planned', march, '2026-03-02'],
    ['postponed first, then under way', 'postponed', march, '2026-03-02'],
    ['in the plan’s zone, not UTC', 'planned', lateEvening, '2026-03-03'],
    [
      'already in progress before any change (completed later): unknown',
      'in_progress',
      march,
      null,
    ],
    ['already completed before any change (reopened later): unknown', 'completed', march, null],
    ['never under way', 'planned', null, null],
  ])('%s', (_name, firstFrom, firstUnderWayAt, expected) => {
    expect(recordedStart({ firstFrom, firstUnderWayAt }, 'Africa/Cairo')).toBe(expected);
  });
});
