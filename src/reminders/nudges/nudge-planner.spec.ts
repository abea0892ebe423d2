import type { Audience } from '../reminder-recipients';
import { dueNudges, nudgeDeliveries } from './nudge-planner';

const meeting = (id: string, planId: string, heldOn: string) => ({ id, planId, heldOn });

describe('which meetings get a nudge today', () => {
  const todayOf = new Map([
    ['plan-a', '2027-03-10'],
    ['plan-b', '2027-03-11'], // a plan further east is already a day ahead
  ]);

  it.each([
    ['21 days ahead: the 21-day nudge', [meeting('m1', 'plan-a', '2027-03-31')], [['m1', 21]]],
    ['22 days ahead: nothing yet', [meeting('m1', 'plan-a', '2027-04-01')], []],
    ['7 days ahead: the 7-day nudge', [meeting('m1', 'plan-a', '2027-03-17')], [['m1', 7]]],
    [
      '15 days ahead (created late): the 21-day nudge',
      [meeting('m1', 'plan-a', '2027-03-25')],
      [['m1', 21]],
    ],
    ['today: nothing', [meeting('m1', 'plan-a', '2027-03-10')], []],
    [
      'each plan in its own zone: 22 days left in one, 21 in the other',
      [meeting('m1', 'plan-a', '2027-04-01'), meeting('m2', 'plan-b', '2027-04-01')],
      [['m2', 21]],
    ],
    [
      'only the next meeting of a plan',
      [meeting('m1', 'plan-a', '2027-03-17'), meeting('m2', 'plan-a', '2027-03-31')],
      [['m1', 7]],
    ],
    [
      'a past meeting never marked held does not hide the next one',
      [meeting('m0', 'plan-a', '2027-03-01'), meeting('m1', 'plan-a', '2027-03-31')],
      [['m1', 21]],
    ],
    ['a plan not found: nothing', [meeting('m1', 'plan-z', '2027-03-31')], []],
  ])('%s', (_name, meetings, expected) => {
    expect(dueNudges(meetings, todayOf, [21, 7]).map((n) => [n.meeting.id, n.lead])).toEqual(
      expected,
    );
  });
});

describe('who gets a nudge', () => {
  const now = new Date('2027-03-10T11:00:00Z');
  const user = (
    id: string,
    role: 'focal_point' | 'programme_manager',
    partyCode: string | null,
  ) => ({
    id,
    email: `${id}@example.org`,
    role,
    partyCode,
    timeZone: 'Africa/Casablanca',
  });
  const audience: Audience = {
    users: [
      user('focal-ma', 'focal_point', 'MA'),
      user('focal-ci', 'focal_point', 'CI'),
      user('pm', 'programme_manager', null),
      user('pm-off', 'programme_manager', null),
    ],
    switchedOff: new Set(['pm-off|stagnation_nudge|email']),
    webhooks: [
      { id: 'hook-1', url: 'https://hooks.example.org/a', events: ['stagnation_nudge'] },
      { id: 'hook-2', url: 'https://hooks.example.org/b', events: ['activity_due'] },
    ],
  };
  const nudge = { meeting: meeting('m1', 'plan-a', '2027-03-31'), lead: 21 };

  it('the focal points of the parties with silent parts, the managers, subscribed webhooks', () => {
    const rows = nudgeDeliveries(nudge, new Set(['MA']), audience, now);
    expect(rows.map((r) => [r.recipientId, r.channel])).toEqual([
      ['focal-ma', 'email'],
      ['pm', 'email'],
      ['hook-1', 'webhook'],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({
        subjectType: 'meeting',
        subjectId: 'm1',
        rule: 'stagnation_nudge:21',
        ruleKind: 'stagnation_nudge',
        dueOn: '2027-03-31',
      });
    }
  });

  it('both countries when both have silent parts', () => {
    const rows = nudgeDeliveries(nudge, new Set(['MA', 'CI']), audience, now);
    expect(rows.filter((r) => r.channel === 'email').map((r) => r.recipientId)).toEqual([
      'focal-ma',
      'focal-ci',
      'pm',
    ]);
  });

  it('nobody when nothing is silent', () => {
    expect(nudgeDeliveries(nudge, new Set(), audience, now)).toEqual([]);
  });

  it('mail waits for working hours in the recipient zone', () => {
    const night = new Date('2027-03-10T23:00:00Z');
    const [row] = nudgeDeliveries(nudge, new Set(['MA']), audience, night);
    expect(row.notBefore.getTime()).toBeGreaterThan(night.getTime());
  });
});
