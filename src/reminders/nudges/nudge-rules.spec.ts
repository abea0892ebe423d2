import type { ActivityStatus } from '../../activities/activity-rules';
import { daysSilent, DEFAULT_STAGNATION_RULES, nudgeLeadDue } from './nudge-rules';

describe('which nudge is due before a meeting (leads 21 and 7 days)', () => {
  const leads = DEFAULT_STAGNATION_RULES.daysBeforeMeeting;
  const meeting = '2027-03-31';
  it.each([
    ['2027-03-01', null], // 30 days ahead: too early
    ['2027-03-09', null], // 22 days
    ['2027-03-10', 21], // 21 days: the first nudge
    ['2027-03-16', 21], // 15 days (a meeting created late): still the 21-day one, once
    ['2027-03-23', 21], // 8 days
    ['2027-03-24', 7], // 7 days: the second nudge
    ['2027-03-27', 7], // a missed 7th day is caught up
    ['2027-03-30', 7], // the day before
    ['2027-03-31', null], // the meeting day
    ['2027-04-02', null], // after it
  ])('today %s → %s', (today, lead) => {
    expect(nudgeLeadDue(leads, meeting, today)).toBe(lead);
  });

  it('does not depend on the order of the lead times, and none means no nudge', () => {
    expect(nudgeLeadDue([7, 21], meeting, '2027-03-12')).toBe(21);
    expect(nudgeLeadDue([], meeting, '2027-03-30')).toBeNull();
  });

  it('crosses month and year ends by calendar days', () => {
    expect(nudgeLeadDue([21, 7], '2027-01-05', '2026-12-15')).toBe(21);
    expect(nudgeLeadDue([21, 7], '2027-01-05', '2026-12-29')).toBe(7);
  });
});

describe('silent parts (silent after 30 days)', () => {
  const today = '2027-03-10';
  it.each([
    ['planned', '2027-02-07', 31],
    ['in_progress', '2027-02-08', 30], // exactly 30 days: silent
    ['in_progress', '2027-02-09', null], // 29 days
    ['postponed', '2026-12-01', 99],
    ['planned', '2027-03-05', null], // updated 5 days ago
    ['completed', '2026-01-01', null], // closed parts are never silent
    ['cancelled', '2026-01-01', null],
    ['planned', '2027-03-10', null], // updated today
  ] as [ActivityStatus, string, number | null][])(
    '%s, last updated %s → %s',
    (status, lastUpdatedOn, days) => {
      expect(daysSilent({ status, lastUpdatedOn }, today, 30)).toBe(days);
    },
  );

  it('follows the threshold', () => {
    expect(daysSilent({ status: 'planned', lastUpdatedOn: '2027-03-09' }, today, 1)).toBe(1);
    expect(daysSilent({ status: 'planned', lastUpdatedOn: '2026-03-10' }, today, 365)).toBe(365);
    expect(daysSilent({ status: 'planned', lastUpdatedOn: '2026-03-11' }, today, 365)).toBeNull();
  });
});
