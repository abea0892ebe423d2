import { LeaseBook } from './rate-limit-leases';

describe('LeaseBook', () => {
  const t0 = 1_000_000;

  it('asks Redis first, then spends the lease locally with exact counts and the window left', () => {
    const book = new LeaseBook();
    expect(book.spend('user:a', t0)).toBeUndefined();
    expect(book.record('user:a', { countBefore: 40, granted: 3, ttlMs: 30_000 }, 600, t0)).toEqual({
      current: 41,
      ttl: 30_000,
    });
    expect(book.spend('user:a', t0 + 1_000)).toEqual({ current: 42, ttl: 29_000 });
    expect(book.spend('user:a', t0 + 2_000)).toEqual({ current: 43, ttl: 28_000 });
    // The lease of 3 is spent: the next request must claim again.
    expect(book.spend('user:a', t0 + 2_000)).toBeUndefined();
  });

  it('keeps keys apart', () => {
    const book = new LeaseBook();
    book.record('user:a', { countBefore: 0, granted: 5, ttlMs: 60_000 }, 600, t0);
    expect(book.spend('user:b', t0)).toBeUndefined();
    expect(book.spend('user:a', t0)).toEqual({ current: 2, ttl: 60_000 });
  });

  it('forgets a lease when its window ends, spent or not', () => {
    const book = new LeaseBook();
    book.record('user:a', { countBefore: 0, granted: 50, ttlMs: 60_000 }, 600, t0);
    expect(book.spend('user:a', t0 + 59_999)).toEqual({ current: 2, ttl: 1 });
    expect(book.spend('user:a', t0 + 60_000)).toBeUndefined();
  });

  it('refuses the rest of a window locally once Redis counted past the limit', () => {
    const book = new LeaseBook();
    expect(book.record('address:x', { countBefore: 6, granted: 1, ttlMs: 10_000 }, 6, t0)).toEqual({
      current: 7,
      ttl: 10_000,
    });
    // No new claim: counts only grow within a window, so every later request is over the limit.
    expect(book.spend('address:x', t0 + 1)).toEqual({ current: 8, ttl: 9_999 });
    expect(book.spend('address:x', t0 + 2)).toEqual({ current: 9, ttl: 9_998 });
    expect(book.spend('address:x', t0 + 10_000)).toBeUndefined();
  });

  it('drops ended windows when it records, at most once per pruning period', () => {
    const book = new LeaseBook(1_000);
    book.record('a', { countBefore: 0, granted: 1, ttlMs: 100 }, 10, t0);
    book.record('b', { countBefore: 0, granted: 1, ttlMs: 5_000 }, 10, t0);
    expect(book.size).toBe(2);
    book.record('c', { countBefore: 0, granted: 1, ttlMs: 5_000 }, 10, t0 + 500);
    expect(book.size).toBe(3); // within the period: nothing pruned yet
    book.record('d', { countBefore: 0, granted: 1, ttlMs: 5_000 }, 10, t0 + 1_500);
    expect(book.size).toBe(3); // 'a' ended at t0 + 100 and is gone
    expect(book.spend('a', t0 + 1_500)).toBeUndefined();
  });
});
