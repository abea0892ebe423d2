import type Redis from 'ioredis';
import { REDIS } from '../../src/redis/redis.module';
import { LEASE_CAP } from '../../src/rate-limit/leased-redis-store';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

const LIMIT = 3;

describe('API-wide rate limits (tiny limits set through the environment)', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp({
      env: { RATE_LIMIT_PER_TOKEN: String(LIMIT), RATE_LIMIT_PER_ADDRESS: String(LIMIT * 2) },
    });
    // Another api instance on the same database and Redis prefix: the counts are shared.
    second = await createTestApp({ shareWith: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('sends the limit headers on every answer and answers 429 problem+json past the limit', async () => {
    // Logging in spends the address's budget (no token yet), not the user's.
    const bearer = await first.tokenFor(DEMO.pm);
    const remaining: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const app = i % 2 === 0 ? first : second; // alternate instances: one shared count
      const res = await app.http.get('/api/me').set('Authorization', bearer);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT));
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      remaining.push(Number(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual([2, 1, 0]);

    const refused = await second.http.get('/api/me').set('Authorization', bearer);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('counts requests without a valid token against the client address, forged tokens included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT * 3; i++) {
      const res = await first.http.get('/api/health').set('Authorization', `Bearer forged-${i}`);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['x-ratelimit-limit']).toBe(String(LIMIT * 2));
        break;
      }
    }
    // The login of the first test already spent part of this address's budget.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(LIMIT * 2);
  });

  it("does not count the page's assets: a page load fetches dozens of modules", async () => {
    // The address's budget is spent by the test above; the API still refuses it, the assets flow.
    await first.http.get('/api/health').expect(429);
    for (let i = 0; i < LIMIT * 4; i++) {
      const res = await first.http.get('/assets/dashboard.js');
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
    await first.http.get('/api/health').expect(429);
  });
});

describe('API-wide rate limits leased to each instance (a budget large enough to lease)', () => {
  const BUDGET = 800;
  let first: TestApp;
  let second: TestApp;
  let redis: Redis;
  beforeAll(async () => {
    first = await createTestApp({ env: { RATE_LIMIT_PER_TOKEN: String(BUDGET) } });
    second = await createTestApp({ shareWith: first });
    redis = first.app.get<Redis>(REDIS);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts in Redis a slice at a time, with exact counts per instance and no 429 before the budget', async () => {
    const bearer = await first.tokenFor(DEMO.focalMa);
    const userId = (await first.http.get('/api/me').set('Authorization', bearer)).body.id as string;
    const counted = async () => Number(await redis.get(`rate-limit:user:${userId}`));
    // /api/me above claimed the first slice: an eighth of the budget, at most LEASE_CAP.
    const firstSlice = Math.min(LEASE_CAP, Math.floor(BUDGET / 8));
    expect(await counted()).toBe(firstSlice);

    const remainingOn = async (app: TestApp) => {
      const res = await app.http.get('/api/me').set('Authorization', bearer);
      expect(res.status).toBe(200);
      return Number(res.headers['x-ratelimit-remaining']);
    };
    // The first instance spends its slice without asking Redis: exact counts, Redis unchanged.
    expect([await remainingOn(first), await remainingOn(first)]).toEqual([BUDGET - 2, BUDGET - 3]);
    expect(await counted()).toBe(firstSlice);
    // The second instance claims its own slice of what is left, counted after the first's.
    const secondSlice = Math.min(LEASE_CAP, Math.floor((BUDGET - firstSlice) / 8));
    expect(await remainingOn(second)).toBe(BUDGET - firstSlice - 1);
    expect(await counted()).toBe(firstSlice + secondSlice);
  });

  it('refuses past the budget however the requests are spread over instances', async () => {
    const bearer = await first.tokenFor(DEMO.focalCi);
    let served = 0;
    let refusedAt: number | undefined;
    for (let i = 0; i < BUDGET + 10 && refusedAt === undefined; i++) {
      const app = i % 3 === 0 ? second : first;
      const res = await app.http.get('/api/health').set('Authorization', bearer);
      if (res.status === 429) refusedAt = i;
      else served += 1;
    }
    // Slices left unspent on one instance are lost to the window: never more served than the
    // budget, and at most the two instances' last slices fewer.
    expect(refusedAt).toBeDefined();
    expect(served).toBeLessThanOrEqual(BUDGET);
    expect(served).toBeGreaterThan(BUDGET - 2 * LEASE_CAP);
  });
});
