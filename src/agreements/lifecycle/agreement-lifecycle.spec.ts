import type { CalendarDate } from '../../common/time/calendar-date';
import {
  lifecycleOn,
  storedLifecycleColumns,
  type LifecycleAgreement,
  type LifecycleAmendment,
  type LifecycleRecords,
} from './agreement-lifecycle';
import { lifecycleTimeline } from './lifecycle-timeline';

const d = (s: string) => s as CalendarDate;

/** The MoU: Morocco and Côte d'Ivoire, signed 8 April 2025, "30 days after the last notification". */
const mou: LifecycleAgreement = {
  signedOn: d('2025-04-08'),
  partyCodes: ['MA', 'CI'],
  entryIntoForceOn: d('2025-04-08'),
  entryIntoForceBasis: 'days_after_last_notification',
  entryIntoForceCount: 30,
  provisionalApplication: false,
  denunciationNoticeMonths: null,
  durationMonths: 24,
  extendedMonths: 0,
  renewalMode: 'tacit',
  renewalTermMonths: null,
  noticeDays: 90,
  status: 'draft',
};
const notified = [
  { partyCode: 'MA', notifiedOn: d('2025-06-02'), amendmentId: null },
  { partyCode: 'CI', notifiedOn: d('2025-07-15'), amendmentId: null },
];
const records = (overrides: Partial<LifecycleRecords> = {}): LifecycleRecords => ({
  notifications: notified,
  amendments: [],
  denunciations: [],
  ...overrides,
});
const longer: LifecycleAmendment = {
  id: 'longer',
  signedOn: d('2026-01-10'),
  entryIntoForceBasis: 'typed',
  entryIntoForceCount: null,
  entryIntoForceOn: d('2026-02-01'),
  changes: { durationMonths: 36 },
  status: 'signed',
};
const denounced = {
  id: 'den',
  partyCode: 'CI',
  notifiedOn: d('2026-03-01'),
  takesEffectOn: d('2027-03-01'),
  withdrawnOn: null,
};

describe('storedLifecycleColumns', () => {
  it.each<[string, Partial<LifecycleAgreement>, LifecycleRecords, object]>([
    [
      'both notified: in force 30 days after the last, the term from then',
      {},
      records(),
      {
        entryIntoForceOn: '2025-08-14',
        expiresOn: '2027-08-13',
        noticeDeadlineOn: '2027-05-15',
        status: 'in_force',
        denunciationTakesEffectOn: null,
      },
    ],
    [
      'a notification missing: signed, not in force (draft, no reminders of its term)',
      { status: 'in_force' },
      records({ notifications: notified.slice(0, 1) }),
      { entryIntoForceOn: '2025-04-08', status: 'draft' },
    ],
    [
      'a notification missing, applied provisionally: in force from signature',
      { provisionalApplication: true },
      records({ notifications: [] }),
      { entryIntoForceOn: '2025-04-08', expiresOn: '2027-04-07', status: 'in_force' },
    ],
    [
      'denounced 1 March 2026, no clause: last day 28 February 2027, no notice deadline',
      { status: 'in_force' },
      records({ denunciations: [denounced] }),
      {
        expiresOn: '2027-02-28',
        noticeDeadlineOn: null,
        denunciationTakesEffectOn: '2027-03-01',
        status: 'in_force',
      },
    ],
    [
      'a withdrawn denunciation ends nothing',
      {},
      records({ denunciations: [{ ...denounced, withdrawnOn: d('2026-05-01') }] }),
      { expiresOn: '2027-08-13', denunciationTakesEffectOn: null },
    ],
    [
      'a denunciation after the term would have ended: the term ends first',
      { durationMonths: 6 },
      records({ denunciations: [denounced] }),
      { expiresOn: '2026-02-13', denunciationTakesEffectOn: '2027-03-01' },
    ],
    [
      'an amendment in force lengthens the term (stored columns plan on the final terms)',
      {},
      records({ amendments: [longer] }),
      { expiresOn: '2028-08-13' },
    ],
    [
      'an abandoned amendment changes nothing',
      {},
      records({ amendments: [{ ...longer, status: 'abandoned' }] }),
      { expiresOn: '2027-08-13' },
    ],
    [
      'legacy typed date: kept, status as recorded',
      { entryIntoForceBasis: 'typed', entryIntoForceOn: d('2025-05-01'), status: 'renewed' },
      records({ notifications: [] }),
      { entryIntoForceOn: '2025-05-01', expiresOn: '2027-04-30', status: 'renewed' },
    ],
    [
      'a renewed agreement stays renewed when its notifications change',
      { status: 'renewed', extendedMonths: 24 },
      records(),
      { entryIntoForceOn: '2025-08-14', expiresOn: '2029-08-13', status: 'renewed' },
    ],
  ])('%s', (_case, overrides, recs, expected) => {
    expect(storedLifecycleColumns({ ...mou, ...overrides }, recs)).toMatchObject(expected);
  });
});

describe('lifecycleOn', () => {
  it.each<[string, Partial<LifecycleAgreement>, LifecycleRecords, string, object]>([
    [
      'awaiting CI',
      {},
      records({ notifications: notified.slice(0, 1) }),
      '2025-07-01',
      { stage: 'signed', entryIntoForceOn: null, awaitingNotificationFrom: ['CI'] },
    ],
    [
      'provisionally applied while awaiting',
      { provisionalApplication: true },
      records({ notifications: [] }),
      '2025-05-01',
      { stage: 'provisionally_applied', awaitingNotificationFrom: ['MA', 'CI'] },
    ],
    [
      'in force, computed',
      {},
      records(),
      '2025-08-14',
      { stage: 'in_force', entryIntoForceOn: '2025-08-14', lastNotificationOn: '2025-07-15' },
    ],
    [
      'the amendment applies from its own entry into force, not before',
      {},
      records({ amendments: [longer] }),
      '2026-01-31',
      { termsInForce: { durationMonths: 24 }, amendments: [{ id: 'longer', inForce: false }] },
    ],
    [
      'the amendment in force',
      {},
      records({ amendments: [longer] }),
      '2026-02-01',
      { termsInForce: { durationMonths: 36 }, amendments: [{ id: 'longer', inForce: true }] },
    ],
    [
      'denounced, then ended on the day it takes effect',
      {},
      records({ denunciations: [denounced] }),
      '2027-03-01',
      { stage: 'terminated', endsOn: '2027-03-01' },
    ],
    [
      "an amendment awaiting its own notifications names who hasn't notified",
      {},
      records({
        amendments: [
          {
            ...longer,
            entryIntoForceBasis: 'days_after_last_notification',
            entryIntoForceCount: 0,
            entryIntoForceOn: null,
          },
        ],
        notifications: [
          ...notified,
          { partyCode: 'MA', notifiedOn: d('2026-02-01'), amendmentId: 'longer' },
        ],
      }),
      '2026-03-01',
      { amendments: [{ id: 'longer', entryIntoForceOn: null, awaitingNotificationFrom: ['CI'] }] },
    ],
  ])('%s', (_case, overrides, recs, today, expected) => {
    expect(lifecycleOn({ ...mou, ...overrides }, recs, d(today))).toMatchObject(expected);
  });
});

describe('lifecycleTimeline', () => {
  it('orders what happened and what will, same-day events in lifecycle order', () => {
    const events = lifecycleTimeline({
      view: {
        signedOn: d('2025-04-08'),
        expiresOn: d('2027-02-28'),
        lifecycle: lifecycleOn(mou, records({ denunciations: [denounced] }), d('2026-06-01')),
      },
      records: {
        notifications: notified.map((n) => ({ ...n, reference: null })),
        amendments: [],
        denunciations: [denounced],
      },
      amendmentEntryIntoForceOn: new Map(),
      renewals: [],
      today: d('2026-06-01'),
    });
    expect(events.map((e) => [e.on, e.kind, e.upcoming])).toEqual([
      ['2025-04-08', 'signature', false],
      ['2025-06-02', 'notification', false],
      ['2025-07-15', 'notification', false],
      ['2025-08-14', 'entry_into_force', false],
      ['2026-03-01', 'denunciation_notified', false],
      ['2027-03-01', 'denunciation_effective', true],
    ]);
  });
});
