import type { Actor } from './actor';
import {
  activityEditRight,
  agreementScope,
  canDefineResults,
  canDeleteEvidence,
  canManageProgramme,
  canRecordMeetings,
  canRecordPartyNotification,
  canReportResults,
  canRecordMoney,
  canSeeAgreement,
  canUploadEvidence,
} from './permissions';

const actor = (
  role: Actor['role'],
  partyCode: string | null = null,
  observed: string[] = [],
): Actor => ({
  id: 'u',
  email: 'u@example.org',
  name: 'U',
  role,
  partyCode,
  locale: 'fr',
  timeZone: 'Africa/Casablanca',
  observedAgreementIds: observed,
});

const maCi = { id: 'agreement-ma-ci', partyCodes: ['MA', 'CI'] };
const egTn = { id: 'agreement-eg-tn', partyCodes: ['EG', 'TN'] };

describe('who may read an agreement', () => {
  it.each([
    ['admin', actor('admin'), maCi, true],
    ['programme manager', actor('programme_manager', 'IOM'), egTn, true],
    ['focal point of MA, MA–CI agreement', actor('focal_point', 'MA'), maCi, true],
    ['focal point of CI, MA–CI agreement', actor('focal_point', 'CI'), maCi, true],
    ['focal point of MA, EG–TN agreement', actor('focal_point', 'MA'), egTn, false],
    ['focal point without a party', actor('focal_point', null), maCi, false],
    ['observer granted MA–CI', actor('observer', 'EU', ['agreement-ma-ci']), maCi, true],
    [
      'observer granted MA–CI, EG–TN agreement',
      actor('observer', 'EU', ['agreement-ma-ci']),
      egTn,
      false,
    ],
    ['observer of a party to the agreement but not granted', actor('observer', 'MA'), maCi, false],
  ])('%s → %s', (_name, who, agreement, expected) => {
    expect(canSeeAgreement(who, agreement)).toBe(expected);
  });

  it('scopes focal points by party and observers by grant', () => {
    expect(agreementScope(actor('focal_point', 'CI'))).toEqual({ kind: 'party', partyCode: 'CI' });
    expect(agreementScope(actor('observer', null, ['a']))).toEqual({
      kind: 'agreements',
      agreementIds: ['a'],
    });
    expect(agreementScope(actor('programme_manager'))).toEqual({ kind: 'all' });
  });
});

describe('who may change an activity', () => {
  const maLed = { leadPartyCode: 'MA', partyCodes: ['MA'] };
  const ciLedWithMa = { leadPartyCode: 'CI', partyCodes: ['CI', 'MA'] };
  const ciOnly = { leadPartyCode: 'CI', partyCodes: ['CI'] };

  it.each([
    ['admin', actor('admin'), ciOnly, 'all_fields'],
    ['programme manager', actor('programme_manager', 'IOM'), ciOnly, 'all_fields'],
    ['focal point of the lead party', actor('focal_point', 'MA'), maLed, 'status_fields'],
    [
      'focal point of a participating party',
      actor('focal_point', 'MA'),
      ciLedWithMa,
      'status_fields',
    ],
    ['focal point of CI on a Morocco-only activity', actor('focal_point', 'CI'), maLed, 'none'],
    ['focal point of MA on a CI-only activity', actor('focal_point', 'MA'), ciOnly, 'none'],
    ['observer', actor('observer', 'EU', ['x']), maLed, 'none'],
  ])('%s → %s', (_name, who, activity, expected) => {
    expect(activityEditRight(who, activity)).toBe(expected);
  });

  it.each([
    ['admin', true],
    ['programme_manager', true],
    ['focal_point', false],
    ['observer', false],
  ] as const)('%s manages the programme: %s', (role, expected) => {
    expect(canManageProgramme(actor(role, 'MA'))).toBe(expected);
  });
});

describe('who may upload and delete evidence', () => {
  const maCi = { leadPartyCode: 'MA', partyCodes: ['MA', 'CI'] };
  const ciOnly = { leadPartyCode: 'CI', partyCodes: ['CI'] };
  it.each<[string, Actor, typeof maCi, string | null, boolean]>([
    ["focal point of MA, MA's part", actor('focal_point', 'MA'), maCi, 'MA', true],
    ["focal point of CI, MA's part", actor('focal_point', 'CI'), maCi, 'MA', false],
    [
      'focal point of CI, activity-level of an MA–CI activity',
      actor('focal_point', 'CI'),
      maCi,
      null,
      true,
    ],
    [
      'focal point of MA, activity-level of a CI-only activity',
      actor('focal_point', 'MA'),
      ciOnly,
      null,
      false,
    ],
    ['programme manager, any part', actor('programme_manager'), maCi, 'CI', true],
    ['admin, activity-level', actor('admin'), ciOnly, null, true],
    ['observer, activity-level', actor('observer', 'EU'), maCi, null, false],
  ])('%s → %s', (_name, who, activity, partyCode, expected) => {
    expect(canUploadEvidence(who, activity, partyCode)).toBe(expected);
  });

  it.each<[string, Actor, string | null, boolean]>([
    ['the uploader', actor('focal_point', 'MA'), 'u', true],
    ['another focal point', actor('focal_point', 'MA'), 'someone-else', false],
    ['nobody recorded (uploader deleted), a focal point', actor('focal_point', 'MA'), null, false],
    ['a programme manager', actor('programme_manager'), 'someone-else', true],
    ['an admin', actor('admin'), null, true],
  ])('delete: %s → %s', (_name, who, uploadedBy, expected) => {
    expect(canDeleteEvidence(who, uploadedBy)).toBe(expected);
  });
});

describe('who may record committee meetings', () => {
  it.each([
    ['admin', actor('admin'), true],
    ['programme manager', actor('programme_manager', 'IOM'), true],
    ['focal point', actor('focal_point', 'MA'), false],
    ['observer', actor('observer', null, ['agreement-ma-ci']), false],
  ])('%s → %s', (_name, who, expected) => {
    expect(canRecordMeetings(who)).toBe(expected);
  });
});

describe('who may define results and report values', () => {
  it.each([
    ['admin', actor('admin'), true],
    ['programme manager', actor('programme_manager', 'IOM'), true],
    ['focal point', actor('focal_point', 'MA'), false],
    ['observer', actor('observer', 'EU', ['agreement-ma-ci']), false],
  ])(
    '%s defines objectives, indicators, targets and validates periods: %p',
    (_who, a, expected) => {
      expect(canDefineResults(a)).toBe(expected);
    },
  );

  it.each([
    ['admin, any party', actor('admin'), 'CI', true],
    ['programme manager, any party', actor('programme_manager', 'IOM'), 'MA', true],
    ['focal point of MA, MA values', actor('focal_point', 'MA'), 'MA', true],
    ['focal point of MA, CI values', actor('focal_point', 'MA'), 'CI', false],
    ['focal point without a party', actor('focal_point', null), 'MA', false],
    ['observer', actor('observer', 'MA', ['agreement-ma-ci']), 'MA', false],
  ])('%s reports: %p', (_who, a, partyCode, expected) => {
    expect(canReportResults(a, partyCode)).toBe(expected);
  });
});

describe('who may record money on an activity', () => {
  const maLedWithCi = { leadPartyCode: 'MA', partyCodes: ['MA', 'CI'] };
  it.each<[string, Actor, string | null, boolean]>([
    ['admin, whole activity', actor('admin'), null, true],
    ['programme manager, CI part', actor('programme_manager', 'IOM'), 'CI', true],
    ['focal point of MA, MA part', actor('focal_point', 'MA'), 'MA', true],
    ['focal point of CI, CI part', actor('focal_point', 'CI'), 'CI', true],
    ['focal point of CI, MA part', actor('focal_point', 'CI'), 'MA', false],
    ['focal point of MA, whole activity', actor('focal_point', 'MA'), null, false],
    ['focal point of EG, EG part (not on the activity)', actor('focal_point', 'EG'), 'EG', false],
    ['observer, MA part', actor('observer', 'EU', ['agreement-ma-ci']), 'MA', false],
  ])('%s → %s', (_name, who, partyCode, expected) => {
    expect(canRecordMoney(who, maLedWithCi, partyCode)).toBe(expected);
  });
});

describe("who may record a party's notification of entry into force", () => {
  it.each([
    ['admin, any party', actor('admin'), 'CI', true],
    ['programme manager, any party', actor('programme_manager', 'IOM'), 'MA', true],
    ['focal point, own party', actor('focal_point', 'MA'), 'MA', true],
    ["focal point, the other party's", actor('focal_point', 'MA'), 'CI', false],
    ['focal point without a party', actor('focal_point'), 'MA', false],
    ['observer', actor('observer', null, ['agreement-ma-ci']), 'MA', false],
  ])('%s → %s', (_name, who, partyCode, expected) => {
    expect(canRecordPartyNotification(who, partyCode)).toBe(expected);
  });
});
