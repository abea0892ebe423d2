import type { CalendarDate } from '../../common/time/calendar-date';
import { type Amendment, termsInForceOn } from './amended-terms';
import { denunciationTakesEffectOn } from './denunciation';
import { entryIntoForce, type EntryIntoForceClause } from './entry-into-force';
import { lifecycleStageOn, type LifecycleFacts } from './lifecycle-stage';

const d = (s: string) => s as CalendarDate;
const MA_CI = ['MA', 'CI'];

describe('entryIntoForce', () => {
  const thirtyDays: EntryIntoForceClause = { basis: 'days_after_last_notification', days: 30 };

  it('the MoU signed 8 April 2025, notified 2 June and 15 July, "30 days after the last notification" → 14 August 2025', () => {
    expect(
      entryIntoForce(thirtyDays, d('2025-04-08'), MA_CI, [
        { partyCode: 'MA', notifiedOn: d('2025-06-02') },
        { partyCode: 'CI', notifiedOn: d('2025-07-15') },
      ]),
    ).toEqual({
      state: 'determined',
      entryIntoForceOn: '2025-08-14',
      lastNotificationOn: '2025-07-15',
    });
  });

  it.each<[string, EntryIntoForceClause, string, string, string]>([
    ['on signature', { basis: 'signature' }, '2025-04-08', '2025-06-02', '2025-04-08'],
    [
      'on the last notification',
      { basis: 'days_after_last_notification', days: 0 },
      '2025-06-02',
      '2025-07-15',
      '2025-07-15',
    ],
    ['30 days after, across a year end', thirtyDays, '2025-12-10', '2025-12-20', '2026-01-19'],
    [
      '30 days after, notifications in reverse order',
      thirtyDays,
      '2025-07-15',
      '2025-06-02',
      '2025-08-14',
    ],
    [
      'first day of the following month',
      { basis: 'first_day_of_month_after_last_notification', months: 1 },
      '2025-06-02',
      '2025-07-15',
      '2025-08-01',
    ],
    [
      'first day of the second month, from a month end',
      { basis: 'first_day_of_month_after_last_notification', months: 2 },
      '2025-06-02',
      '2025-12-31',
      '2026-02-01',
    ],
    [
      'first day of the following month, notified on a 1st',
      { basis: 'first_day_of_month_after_last_notification', months: 1 },
      '2025-06-02',
      '2025-07-01',
      '2025-08-01',
    ],
  ])('%s', (_case, clause, maOn, ciOn, expected) => {
    const result = entryIntoForce(clause, d('2025-04-08'), MA_CI, [
      { partyCode: 'MA', notifiedOn: d(maOn) },
      { partyCode: 'CI', notifiedOn: d(ciOn) },
    ]);
    expect(result.state === 'determined' && result.entryIntoForceOn).toBe(expected);
  });

  it('waits for every party, naming the ones missing', () => {
    expect(
      entryIntoForce(thirtyDays, d('2025-04-08'), MA_CI, [
        { partyCode: 'MA', notifiedOn: d('2025-06-02') },
      ]),
    ).toEqual({ state: 'awaiting_notifications', missingPartyCodes: ['CI'] });
    expect(entryIntoForce(thirtyDays, d('2025-04-08'), MA_CI, [])).toEqual({
      state: 'awaiting_notifications',
      missingPartyCodes: ['MA', 'CI'],
    });
  });

  it("counts a party's earliest notification once and ignores a state that is not a party", () => {
    const result = entryIntoForce(thirtyDays, d('2025-04-08'), MA_CI, [
      { partyCode: 'MA', notifiedOn: d('2025-09-01') },
      { partyCode: 'MA', notifiedOn: d('2025-06-02') },
      { partyCode: 'SN', notifiedOn: d('2025-12-01') },
      { partyCode: 'CI', notifiedOn: d('2025-07-15') },
    ]);
    expect(result).toEqual({
      state: 'determined',
      entryIntoForceOn: '2025-08-14',
      lastNotificationOn: '2025-07-15',
    });
  });

  it.each<[EntryIntoForceClause]>([
    [{ basis: 'days_after_last_notification', days: -1 }],
    [{ basis: 'days_after_last_notification', days: 1.5 }],
    [{ basis: 'first_day_of_month_after_last_notification', months: 0 }],
  ])('refuses a clause that cannot be counted: %j', (clause) => {
    expect(() =>
      entryIntoForce(
        clause,
        d('2025-04-08'),
        ['MA'],
        [{ partyCode: 'MA', notifiedOn: d('2025-06-02') }],
      ),
    ).toThrow(RangeError);
  });
});

describe('denunciationTakesEffectOn', () => {
  it.each<[string, Parameters<typeof denunciationTakesEffectOn>[1], string]>([
    ['2026-03-01', null, '2027-03-01'], // no clause: twelve months (VCLT art. 56(2))
    ['2026-03-01', undefined, '2027-03-01'],
    ['2026-03-01', { months: 6 }, '2026-09-01'],
    ['2026-03-01', { days: 90 }, '2026-05-30'],
    ['2026-03-01', { months: 0 }, '2026-03-01'],
    ['2027-02-28', null, '2028-02-28'],
    ['2028-02-29', null, '2029-02-28'], // no 29 February in 2029: the month's last day
    ['2026-08-31', { months: 6 }, '2027-02-28'],
  ])('notified %s with %j → takes effect %s', (notifiedOn, notice, expected) => {
    expect(denunciationTakesEffectOn(d(notifiedOn), notice)).toBe(expected);
  });

  it.each([[{ months: -1 }], [{ days: 2.5 }]])(
    'refuses a notice that cannot be counted: %j',
    (notice) => {
      expect(() => denunciationTakesEffectOn(d('2026-03-01'), notice)).toThrow(RangeError);
    },
  );
});

describe('lifecycleStageOn', () => {
  const determined = {
    state: 'determined',
    entryIntoForceOn: d('2025-08-14'),
    lastNotificationOn: d('2025-07-15'),
  } as const;
  const facts = (overrides: Partial<LifecycleFacts>): LifecycleFacts => ({
    signedOn: d('2025-04-08'),
    provisionalApplication: false,
    entryIntoForce: determined,
    denunciationTakesEffectOn: null,
    ...overrides,
  });

  it.each<[string, Partial<LifecycleFacts>, string, string]>([
    ['before signature', {}, '2025-04-01', 'signed'],
    ['signed, awaiting entry into force', {}, '2025-05-01', 'signed'],
    ['the day before entry into force', {}, '2025-08-13', 'signed'],
    ['on the day of entry into force', {}, '2025-08-14', 'in_force'],
    [
      'applied provisionally from signature',
      { provisionalApplication: true },
      '2025-04-08',
      'provisionally_applied',
    ],
    [
      'provisional application ends at entry into force',
      { provisionalApplication: true },
      '2025-08-14',
      'in_force',
    ],
    [
      'provisional, notifications still missing',
      {
        provisionalApplication: true,
        entryIntoForce: { state: 'awaiting_notifications', missingPartyCodes: ['CI'] },
      },
      '2026-01-01',
      'provisionally_applied',
    ],
    [
      'never in force without every notification',
      { entryIntoForce: { state: 'awaiting_notifications', missingPartyCodes: ['CI'] } },
      '2030-01-01',
      'signed',
    ],
    [
      'denounced, notice running',
      { denunciationTakesEffectOn: d('2027-03-01') },
      '2026-06-01',
      'denounced',
    ],
    [
      'the last day before the denunciation takes effect',
      { denunciationTakesEffectOn: d('2027-03-01') },
      '2027-02-28',
      'denounced',
    ],
    [
      'the day the denunciation takes effect',
      { denunciationTakesEffectOn: d('2027-03-01') },
      '2027-03-01',
      'terminated',
    ],
    [
      'a provisionally applied text denounced',
      {
        provisionalApplication: true,
        entryIntoForce: { state: 'awaiting_notifications', missingPartyCodes: ['CI'] },
        denunciationTakesEffectOn: d('2026-01-01'),
      },
      '2025-12-01',
      'denounced',
    ],
  ])('%s', (_case, overrides, today, expected) => {
    expect(lifecycleStageOn(facts(overrides), d(today))).toBe(expected);
  });
});

describe('termsInForceOn', () => {
  interface Terms {
    durationMonths: number;
    noticeDays: number | null;
  }
  const original: Terms = { durationMonths: 24, noticeDays: 90 };
  const amendments: Amendment<Terms>[] = [
    { id: 'longer', entryIntoForceOn: d('2026-01-01'), changes: { durationMonths: 36 } },
    { id: 'pending', entryIntoForceOn: null, changes: { durationMonths: 60 } },
    {
      id: 'notice',
      entryIntoForceOn: d('2026-06-01'),
      changes: { noticeDays: null, durationMonths: undefined },
    },
    { id: 'same-day-later', entryIntoForceOn: d('2026-06-01'), changes: { durationMonths: 48 } },
  ];

  it.each<[string, Terms]>([
    ['2025-12-31', { durationMonths: 24, noticeDays: 90 }],
    ['2026-01-01', { durationMonths: 36, noticeDays: 90 }],
    ['2026-06-01', { durationMonths: 48, noticeDays: null }],
    ['2099-01-01', { durationMonths: 48, noticeDays: null }],
  ])('on %s', (day, expected) => {
    expect(termsInForceOn(original, amendments, d(day))).toEqual(expected);
  });

  it('applies amendments by entry into force, not by the order recorded', () => {
    const later: Amendment<Terms>[] = [
      { id: 'b', entryIntoForceOn: d('2026-05-01'), changes: { durationMonths: 30 } },
      { id: 'a', entryIntoForceOn: d('2026-02-01'), changes: { durationMonths: 40 } },
    ];
    expect(termsInForceOn(original, later, d('2026-12-01')).durationMonths).toBe(30);
  });

  it('leaves the original terms untouched', () => {
    termsInForceOn(original, amendments, d('2099-01-01'));
    expect(original).toEqual({ durationMonths: 24, noticeDays: 90 });
  });
});
