import { leadRulesByDaysLeft, planningStamp } from './planned-through';
import { DEFAULT_REMINDER_RULES } from './reminder-rules';
import { leadTimeRule } from './reminder-planner';
import type { Audience, Recipient } from './reminder-recipients';

const user = (id: string, partyCode: string | null, extra: Partial<Recipient> = {}): Recipient => ({
  id,
  email: `${id}@example.org`,
  role: partyCode === null ? 'programme_manager' : 'focal_point',
  partyCode,
  timeZone: 'Africa/Casablanca',
  ...extra,
});

const audience = (over: Partial<Audience> = {}): Audience => ({
  users: [user('u1', 'MA'), user('u2', 'CI'), user('pm', null)],
  switchedOff: new Set(['u1|activity_due|email']),
  webhooks: [{ id: 'h1', url: 'https://hooks.example.org/a', events: ['activity_due'] }],
  ...over,
});

describe('planningStamp', () => {
  const stamp = (a: Audience, rules = DEFAULT_REMINDER_RULES) => planningStamp(a, rules);

  it('is the same for the same audience and rules, whatever the order they were read in', () => {
    const reordered = audience({
      users: [user('pm', null), user('u2', 'CI'), user('u1', 'MA')],
      webhooks: [{ id: 'h1', url: 'https://hooks.example.org/a', events: ['activity_due'] }],
    });
    expect(stamp(reordered)).toBe(stamp(audience()));
  });

  it('ignores what does not decide who is reminded: addresses and time zones', () => {
    const moved = audience({
      users: [
        user('u1', 'MA', { email: 'new@example.org', timeZone: 'Africa/Abidjan' }),
        user('u2', 'CI'),
        user('pm', null),
      ],
      webhooks: [{ id: 'h1', url: 'https://hooks.example.org/b', events: ['activity_due'] }],
    });
    expect(stamp(moved)).toBe(stamp(audience()));
  });

  it.each<[string, Audience]>([
    ['a user added', audience({ users: [...audience().users, user('u3', 'TN')] })],
    [
      'a focal point moved to another party',
      audience({ users: [user('u1', 'TN'), user('u2', 'CI'), user('pm', null)] }),
    ],
    [
      'a focal point made programme manager',
      audience({ users: [user('u1', 'MA', { role: 'programme_manager' }), user('u2', 'CI')] }),
    ],
    ['a channel switched back on', audience({ switchedOff: new Set() })],
    [
      'a webhook listening to one more kind',
      audience({
        webhooks: [
          {
            id: 'h1',
            url: 'https://hooks.example.org/a',
            events: ['activity_due', 'activity_overdue'],
          },
        ],
      }),
    ],
  ])('changes with %s', (_name, changed) => {
    expect(stamp(changed)).not.toBe(stamp(audience()));
  });

  it.each([
    ['lead times', { ...DEFAULT_REMINDER_RULES, activityDue: { daysBefore: [14, 1] } }],
    ['overdue period', { ...DEFAULT_REMINDER_RULES, activityOverdue: { everyDays: 3 } }],
    ['escalation', { ...DEFAULT_REMINDER_RULES, escalation: { afterDaysOverdue: 7 } }],
  ])('changes with the activity rules: %s', (_name, rules) => {
    expect(stamp(audience(), rules)).not.toBe(stamp(audience()));
  });

  it('does not change with rules that are not read through marks', () => {
    const rules = { ...DEFAULT_REMINDER_RULES, planExpiry: { daysBefore: [60] } };
    expect(stamp(audience(), rules)).toBe(stamp(audience()));
  });
});

describe('leadRulesByDaysLeft', () => {
  it('gives, at index d, the key the planner gives d days before the date', () => {
    const daysBefore = [30, 7, 1, 0];
    const table = leadRulesByDaysLeft('activity_due', daysBefore);
    expect(table).toHaveLength(31);
    expect(table[0]).toBe('activity_due:0');
    expect(table[1]).toBe('activity_due:1');
    expect(table[2]).toBe('activity_due:7');
    expect(table[7]).toBe('activity_due:7');
    expect(table[8]).toBe('activity_due:30');
    expect(table[30]).toBe('activity_due:30');
    table.forEach((rule, d) => expect(rule).toBe(leadTimeRule('activity_due', daysBefore, d)));
  });

  it('covers day 0 to the longest lead time; with no lead time, one null', () => {
    expect(leadRulesByDaysLeft('activity_due', [7, 3])).toEqual([
      'activity_due:3',
      'activity_due:3',
      'activity_due:3',
      'activity_due:3',
      'activity_due:7',
      'activity_due:7',
      'activity_due:7',
      'activity_due:7',
    ]);
    expect(leadRulesByDaysLeft('activity_due', [])).toEqual([null]);
  });
});
