import { ServiceBusy } from '../errors/domain-errors';
import { HashGate } from './hash-gate';

/** A computation that finishes when the test says so. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return { work: () => done, finish };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('HashGate', () => {
  const options = { maxConcurrent: 2, maxWaiting: 2, maxWaitMs: 10_000, retryAfterSeconds: 3 };

  it('runs at most maxConcurrent at once and starts waiters as slots free up', async () => {
    const gate = new HashGate(options);
    const tasks = [pending(), pending(), pending()];
    const runs = tasks.map((t) => gate.run(t.work));
    await flush();
    expect(gate.stats).toEqual({ running: 2, waiting: 1 });
    tasks[0].finish();
    await runs[0];
    await flush();
    expect(gate.stats).toEqual({ running: 2, waiting: 0 });
    tasks[1].finish();
    tasks[2].finish();
    await Promise.all(runs);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('turns a caller away with ServiceBusy and Retry-After once the queue is full', async () => {
    const gate = new HashGate(options);
    const tasks = [pending(), pending(), pending(), pending()];
    const runs = tasks.map((t) => gate.run(t.work));
    const shed = gate.run(() => Promise.resolve('never'));
    await expect(shed).rejects.toBeInstanceOf(ServiceBusy);
    await expect(shed).rejects.toMatchObject({ retryAfterSeconds: 3 });
    tasks.forEach((t) => t.finish());
    await Promise.all(runs);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('turns away a caller that waited maxWaitMs, and keeps the cap afterwards', async () => {
    jest.useFakeTimers();
    try {
      const gate = new HashGate({ ...options, maxWaitMs: 500 });
      const tasks = [pending(), pending()];
      const runs = tasks.map((t) => gate.run(t.work));
      const late = gate.run(() => Promise.resolve('late'));
      jest.advanceTimersByTime(501);
      await expect(late).rejects.toBeInstanceOf(ServiceBusy);
      expect(gate.stats).toEqual({ running: 2, waiting: 0 });
      tasks.forEach((t) => t.finish());
      await Promise.all(runs);
      expect(gate.stats).toEqual({ running: 0, waiting: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('serves the priority lane first, and a full normal lane does not shed priority callers', async () => {
    const gate = new HashGate(options);
    const order: string[] = [];
    const blockers = [pending(), pending()];
    const running = blockers.map((t) => gate.run(t.work));
    const normal = ['n1', 'n2'].map((name) => gate.run(async () => void order.push(name)));
    const priority = gate.run(async () => void order.push('p1'), { priority: true });
    blockers.forEach((t) => t.finish());
    await Promise.all([...running, ...normal, priority]);
    expect(order[0]).toBe('p1');
    expect(order).toHaveLength(3);
  });

  it('serves waiters round-robin by key: a flood from one key delays another by one turn', async () => {
    const gate = new HashGate({ ...options, maxConcurrent: 1, maxWaiting: 10 });
    const order: string[] = [];
    const blocker = pending();
    const running = gate.run(blocker.work);
    const flood = ['f1', 'f2', 'f3', 'f4'].map((name) =>
      gate.run(async () => void order.push(name), { key: '203.0.113.66' }),
    );
    const other = gate.run(async () => void order.push('other'), { key: '198.51.100.20' });
    blocker.finish();
    await Promise.all([running, ...flood, other]);
    expect(order).toEqual(['f1', 'other', 'f2', 'f3', 'f4']);
  });

  it('bounds the normal lanes together, whatever their keys', async () => {
    const gate = new HashGate({ ...options, maxConcurrent: 1, maxWaiting: 2 });
    const blocker = pending();
    const running = gate.run(blocker.work);
    const waiting = ['a', 'b'].map((key) => gate.run(() => Promise.resolve(key), { key }));
    await expect(gate.run(() => Promise.resolve('c'), { key: 'c' })).rejects.toBeInstanceOf(
      ServiceBusy,
    );
    const priority = gate.run(() => Promise.resolve('p'), { priority: true });
    expect(gate.stats).toEqual({ running: 1, waiting: 3 });
    blocker.finish();
    await expect(priority).resolves.toBe('p');
    await Promise.all([running, ...waiting]);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const gate = new HashGate(options);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });
});
