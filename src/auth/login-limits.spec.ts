import {
  accountDelaySeconds,
  ACCOUNT_MAX_DELAY_SECONDS,
  decideLoginAttempt,
  delaySlotRetryAfter,
  LoginCounts,
  LoginLimits,
  LoginVerdict,
  retryAfter,
} from './login-limits';

const limits: LoginLimits = {
  maxPairFailures: 5,
  windowSeconds: 900,
  maxAddressFailures: 10,
  maxGlobalFailures: 300,
};

function counts(overrides: Partial<LoginCounts> = {}): LoginCounts {
  return {
    pairFailures: 1,
    pairTtlSeconds: 900,
    addressFailures: 1,
    addressTtlSeconds: 60,
    accountFailures: 1,
    globalFailures: 1,
    globalTtlSeconds: 60,
    trustedAddress: false,
    ...overrides,
  };
}

describe('decideLoginAttempt', () => {
  it.each<[string, Partial<LoginCounts>, LoginVerdict]>([
    ['a first attempt', {}, { kind: 'allow' }],
    ['the last allowed failure of a pair', { pairFailures: 5 }, { kind: 'allow' }],
    [
      'one past the pair limit: 429 until the pair window ends',
      { pairFailures: 6, pairTtlSeconds: 412 },
      { kind: 'refuse', limit: 'pair', retryAfterSeconds: 412 },
    ],
    [
      'one past the address limit, over many emails',
      { addressFailures: 11, addressTtlSeconds: 37 },
      { kind: 'refuse', limit: 'address', retryAfterSeconds: 37 },
    ],
    [
      'the deployment flooded: 503, not the caller’s doing',
      { globalFailures: 301, globalTtlSeconds: 12 },
      { kind: 'busy', limit: 'global', retryAfterSeconds: 12 },
    ],
    [
      'the deployment flooded, from an address the account logged in from: allowed',
      { globalFailures: 301, trustedAddress: true },
      { kind: 'allow' },
    ],
    [
      'the caller’s own limit before the deployment’s',
      { pairFailures: 6, pairTtlSeconds: 100, globalFailures: 999 },
      { kind: 'refuse', limit: 'pair', retryAfterSeconds: 100 },
    ],
    [
      'an account within its allowance across addresses',
      { accountFailures: 20 },
      { kind: 'allow' },
    ],
    [
      'an account hammered from elsewhere: a soft delay, not a lockout',
      { accountFailures: 21 },
      { kind: 'account-delay', delaySeconds: 1 },
    ],
    [
      'an account hammered, from an address it logged in from: no delay',
      { accountFailures: 500, trustedAddress: true },
      { kind: 'allow' },
    ],
    [
      'a trusted address still has its own pair limit',
      { accountFailures: 500, pairFailures: 6, pairTtlSeconds: 5, trustedAddress: true },
      { kind: 'refuse', limit: 'pair', retryAfterSeconds: 5 },
    ],
    [
      'a window Redis reports without expiry counts as whole',
      { pairFailures: 6, pairTtlSeconds: -1 },
      { kind: 'refuse', limit: 'pair', retryAfterSeconds: 900 },
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(decideLoginAttempt(counts(overrides), limits)).toEqual(expected);
  });
});

describe('accountDelaySeconds', () => {
  it.each<[number, number]>([
    [0, 0],
    [20, 0],
    [21, 1],
    [22, 2],
    [23, 4],
    [26, 32],
    [27, ACCOUNT_MAX_DELAY_SECONDS],
    [10_000, ACCOUNT_MAX_DELAY_SECONDS],
  ])('%i failures across addresses → %i s between attempts', (failures, delay) => {
    expect(accountDelaySeconds(failures, 5)).toBe(delay);
  });
});

describe('retry-after', () => {
  it.each<[number, number, number]>([
    [42, 60, 42],
    [0, 60, 60],
    [-1, 60, 60],
    [-2, 900, 900],
    [5000, 900, 900],
  ])('a window with ttl %i of %i s → %i', (ttl, window, expected) => {
    expect(retryAfter(ttl, window)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [1500, 4, 2],
    [10, 4, 1],
    [-2, 4, 4],
  ])('a delay slot with %i ms left of %i s → %i', (pttl, delay, expected) => {
    expect(delaySlotRetryAfter(pttl, delay)).toBe(expected);
  });
});
