import {
  computeTerm,
  dueTacitRenewals,
  effectiveAgreement,
  daysToExpiry,
  noticeDeadlineOn,
  tacitRenewalsDue,
  termExpiresOn,
  termEndsBeyondCalendar,
} from './agreement-terms';

describe('termExpiresOn', () => {
  it.each([
    ['2025-04-08', 24, '2027-04-07', 'the day before the same day 24 months later'],
    ['2025-01-01', 12, '2025-12-31', 'one year from 1 January ends on 31 December'],
    ['2025-12-01', 1, '2025-12-31', 'crossing into the next year'],
    ['2025-12-15', 3, '2026-03-14', 'crossing a year boundary'],
    ['2025-04-30', 1, '2025-05-29', '30 May exists, so the day before it'],
    ['2025-01-28', 1, '2025-02-27', '28 February exists, so the day before it'],
    ['2024-01-31', 1, '2024-02-29', '31 February missing: last day of a leap February'],
    ['2025-01-31', 1, '2025-02-28', '31 February missing: last day of a common February'],
    ['2025-01-30', 1, '2025-02-28', '30 February missing: last day of February'],
    ['2025-03-31', 1, '2025-04-30', '31 April missing: last day of April'],
    ['2025-05-31', 1, '2025-06-30', '31 June missing: last day of June'],
    ['2025-08-31', 6, '2026-02-28', '31 February missing after six months'],
    ['2024-02-29', 12, '2025-02-28', '29 February missing in 2025: last day of February'],
    ['2024-02-29', 48, '2028-02-28', '29 February exists in 2028, so the day before it'],
    ['2096-02-29', 48, '2100-02-28', '2100 is not a leap year: last day of February'],
    ['1996-02-29', 48, '2000-02-28', '2000 is a leap year, so the day before 29 February'],
  ])('%s for %d months is in force until %s (%s)', (startsOn, months, expected) => {
    expect(termExpiresOn(startsOn, months)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %p months', (months) => {
    expect(() => termExpiresOn('2025-01-01', months)).toThrow(RangeError);
  });
});

describe('noticeDeadlineOn', () => {
  it.each([
    ['2027-04-07', 90, '2027-01-07'],
    ['2025-12-31', 30, '2025-12-01'],
    ['2026-01-15', 30, '2025-12-16'],
    ['2025-03-01', 1, '2025-02-28'],
    ['2024-03-01', 1, '2024-02-29'],
    ['2025-12-31', 0, '2025-12-31'],
  ])('expiring %s with %d days notice, notice is due by %s', (expiresOn, noticeDays, expected) => {
    expect(noticeDeadlineOn(expiresOn, noticeDays)).toBe(expected);
  });

  it.each([null, undefined])('has no deadline when the notice period is %p', (noticeDays) => {
    expect(noticeDeadlineOn('2025-12-31', noticeDays)).toBeNull();
  });

  it.each([-1, 2.5])('rejects a notice period of %p days', (noticeDays) => {
    expect(() => noticeDeadlineOn('2025-12-31', noticeDays)).toThrow(RangeError);
  });
});

describe('daysToExpiry', () => {
  it.each([
    ['2024-12-31', 365, 'a year before'],
    ['2025-01-01', 364, 'at the start of the final year'],
    ['2025-12-30', 1, 'the day before the last day'],
    ['2025-12-31', 0, 'on the last day in force'],
    ['2026-01-01', -1, 'the day after expiry'],
  ])('a term ending 2025-12-31 seen on %s has %d days left (%s)', (today, expected) => {
    expect(daysToExpiry('2025-12-31', today)).toBe(expected);
  });
});

describe('computeTerm', () => {
  it.each([
    [
      'an initial one-year term with 30 days notice',
      { entryIntoForceOn: '2025-01-01', durationMonths: 12, extendedMonths: 0 },
      30,
      '2025-06-01',
      { expiresOn: '2025-12-31', noticeDeadlineOn: '2025-12-01', daysToExpiry: 213 },
    ],
    [
      'a term extended by one year, on its last day, without notice period',
      { entryIntoForceOn: '2025-01-01', durationMonths: 12, extendedMonths: 12 },
      null,
      '2026-12-31',
      { expiresOn: '2026-12-31', noticeDeadlineOn: null, daysToExpiry: 0 },
    ],
    [
      'month-end start extended from the entry into force, not from the clamped expiry',
      { entryIntoForceOn: '2024-01-31', durationMonths: 1, extendedMonths: 1 },
      0,
      '2024-04-01',
      { expiresOn: '2024-03-30', noticeDeadlineOn: '2024-03-30', daysToExpiry: -2 },
    ],
    [
      'a leap-day start renewed into another leap year',
      { entryIntoForceOn: '2024-02-29', durationMonths: 12, extendedMonths: 36 },
      60,
      '2028-01-01',
      { expiresOn: '2028-02-28', noticeDeadlineOn: '2027-12-30', daysToExpiry: 58 },
    ],
  ])('computes %s', (_label, input, noticeDays, today, expected) => {
    expect(computeTerm(input, noticeDays, today)).toEqual(expected);
  });

  it('rejects a negative extension', () => {
    const input = { entryIntoForceOn: '2025-01-01', durationMonths: 12, extendedMonths: -12 };
    expect(() => computeTerm(input, null, '2025-01-01')).toThrow(RangeError);
  });
});

describe('tacitRenewalsDue', () => {
  // Yearly terms from 2025-01-01 with 30 days notice: terms end 2025-12-31, 2026-12-31, 2027-12-31,
  // so notice is due by 2025-12-01, 2026-12-01, 2027-12-01.
  const yearly = {
    entryIntoForceOn: '2025-01-01',
    durationMonths: 12,
    extendedMonths: 0,
    termMonths: 12,
    noticeDays: 30 as number | null,
  };

  it.each([
    ['2025-06-01', 0, 'long before the notice deadline'],
    ['2025-12-01', 0, 'on the notice deadline, when notice can still be given'],
    ['2025-12-02', 1, 'the day after the notice deadline'],
    ['2026-12-01', 1, 'on the second notice deadline'],
    ['2026-12-02', 2, 'after two notice deadlines passed'],
    ['2027-12-02', 3, 'after three notice deadlines passed'],
  ])('on %s renews %d time(s) (%s)', (today, expected) => {
    expect(tacitRenewalsDue({ ...yearly, today })).toBe(expected);
  });

  it.each([
    ['2025-12-02', 0, 'the first renewal already applied'],
    ['2026-12-02', 1, 'the renewed term passed its own deadline'],
  ])('once extended by a year, on %s renews %d time(s) (%s)', (today, expected) => {
    expect(tacitRenewalsDue({ ...yearly, extendedMonths: 12, today })).toBe(expected);
  });

  it.each([
    [null, '2025-12-31', 0],
    [null, '2026-01-01', 1],
    [0, '2025-12-31', 0],
    [0, '2026-01-01', 1],
  ])(
    'with notice period %p, on %s renews %d time(s): notice is possible until expiry',
    (noticeDays, today, expected) => {
      expect(tacitRenewalsDue({ ...yearly, noticeDays, today })).toBe(expected);
    },
  );

  it.each([
    ['2027-01-07', 0, 'on the first deadline (2027-01-07)'],
    ['2027-01-08', 1, 'after the first deadline'],
    ['2027-07-09', 1, 'on the second deadline (2027-07-09, 90 days before 2027-10-07)'],
    ['2027-07-10', 2, 'after the second deadline'],
  ])(
    '24 months then 6-month terms, 90 days notice, on %s renews %d time(s) (%s)',
    (today, expected) => {
      const params = {
        entryIntoForceOn: '2025-04-08',
        durationMonths: 24,
        extendedMonths: 0,
        termMonths: 6,
        noticeDays: 90,
      };
      expect(tacitRenewalsDue({ ...params, today })).toBe(expected);
    },
  );

  it('counts month-end terms from the entry into force (ends 02-29, 03-30, 04-30)', () => {
    const params = {
      entryIntoForceOn: '2024-01-31',
      durationMonths: 1,
      extendedMonths: 0,
      termMonths: 1,
      noticeDays: 0,
    };
    expect(tacitRenewalsDue({ ...params, today: '2024-03-31' })).toBe(2);
  });

  it('stops at 1000 renewals however far in the past the agreement started', () => {
    const params = {
      entryIntoForceOn: '2000-01-01',
      durationMonths: 1,
      extendedMonths: 0,
      termMonths: 1,
      noticeDays: 0,
    };
    expect(tacitRenewalsDue({ ...params, today: '9999-12-31' })).toBe(1000);
  });

  it('rejects a renewal term of zero months', () => {
    expect(() => tacitRenewalsDue({ ...yearly, termMonths: 0, today: '2026-01-01' })).toThrow(
      RangeError,
    );
  });
});

describe('termEndsBeyondCalendar', () => {
  it.each([
    ['an ordinary term', '2025-04-08', 36, false],
    ['ends in December 9999', '9999-01-15', 11, false],
    ['reaches January 10000', '9999-01-15', 12, true],
    ['a huge renewal', '2025-04-08', 100_000, true],
  ])('%s', (_name, startsOn, months, expected) => {
    expect(termEndsBeyondCalendar(startsOn, months)).toBe(expected);
  });
});

describe('effectiveAgreement (reads compute due tacit renewals, never write them)', () => {
  // Yearly terms from 2025-01-01, 30 days notice: deadlines 2025-12-01, 2026-12-01.
  const stored = {
    entryIntoForceOn: '2025-01-01',
    durationMonths: 12,
    extendedMonths: 0,
    renewalMode: 'tacit',
    renewalTermMonths: 6 as number | null,
    noticeDays: 30 as number | null,
    nonRenewalNoticeOn: null as string | null,
    status: 'in_force',
  };

  it.each([
    ['before the deadline', {}, '2025-12-01', 0, 0, 'in_force'],
    ['the day after the deadline', {}, '2025-12-02', 1, 6, 'renewed'],
    ['a renewal term of its own', {}, '2026-06-02', 2, 12, 'renewed'],
    ['no renewal term: the duration', { renewalTermMonths: null }, '2025-12-02', 1, 12, 'renewed'],
    [
      'already recorded by the sweep',
      { extendedMonths: 6, status: 'renewed' },
      '2025-12-02',
      0,
      6,
      'renewed',
    ],
    [
      'notice of non-renewal given',
      { nonRenewalNoticeOn: '2025-11-01' },
      '2026-03-01',
      0,
      0,
      'in_force',
    ],
    ['explicit renewal only', { renewalMode: 'explicit' }, '2026-03-01', 0, 0, 'in_force'],
    ['no renewal clause', { renewalMode: 'none' }, '2026-03-01', 0, 0, 'in_force'],
    ['terminated', { status: 'terminated' }, '2026-03-01', 0, 0, 'terminated'],
    ['suspended', { status: 'suspended' }, '2026-03-01', 0, 0, 'suspended'],
  ])('%s', (_name, overrides, today, due, extendedMonths, status) => {
    const agreement = { ...stored, ...overrides };
    expect(dueTacitRenewals(agreement, today)).toBe(due);
    expect(effectiveAgreement(agreement, today)).toMatchObject({ extendedMonths, status });
  });

  it('leaves the stored object as it was', () => {
    const agreement = { ...stored };
    const effective = effectiveAgreement(agreement, '2027-01-01');
    expect(effective).not.toBe(agreement);
    expect(agreement).toEqual(stored);
  });

  it('answers the same term as the sweep will record (both count from the entry into force)', () => {
    const effective = effectiveAgreement(stored, '2026-06-02');
    const recorded = { ...stored, extendedMonths: 12, status: 'renewed' };
    expect(computeTerm(effective, 30, '2026-06-02')).toEqual(
      computeTerm(recorded, 30, '2026-06-02'),
    );
    expect(effectiveAgreement(recorded, '2026-06-02')).toEqual(recorded);
  });
});
