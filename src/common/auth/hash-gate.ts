import { ServiceBusy } from '../errors/domain-errors';

export interface HashGateOptions {
  /** Computations running at once. */
  maxConcurrent: number;
  /** Callers waiting per lane; one more is turned away at once. */
  maxWaiting: number;
  /** A caller that waited this long is turned away rather than kept waiting without end. */
  maxWaitMs: number;
  /** Retry-After for a caller turned away. */
  retryAfterSeconds: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

export interface GateTicket {
  /** Whose turn this is: waiters are served round-robin by key (the client address). */
  key?: string;
  /** A caller likely genuine (an address the account logged in from): served before all others. */
  priority?: boolean;
}

const PRIORITY = '\u0000priority';

/**
 * Bounds costly computations (argon2: 64 MiB and tens of milliseconds each) with a short queue that
 * sheds load: past `maxWaiting` callers, or after `maxWaitMs`, a caller gets ServiceBusy (503 with
 * Retry-After) instead of joining an ever longer queue in which a real user's login would wait behind
 * a whole flood. Waiters are served round-robin by key, so a flood from one address delays someone
 * else by about one computation, not by the flood; priority callers come first, in a lane of their
 * own that a flood cannot fill. (p-limit and p-queue bound concurrency but neither turns callers away
 * nor queues fairly; this is the small part they lack.)
 */
export class HashGate {
  private running = 0;
  private waitingNormal = 0;
  /** Queues by key, in the order their turn comes (a Map keeps insertion order). */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly options: HashGateOptions) {}

  get stats() {
    let waiting = 0;
    for (const queue of this.queues.values()) waiting += queue.length;
    return { running: this.running, waiting };
  }

  async run<T>(work: () => Promise<T>, ticket: GateTicket = {}): Promise<T> {
    if (this.running < this.options.maxConcurrent) this.running++;
    else await this.wait(ticket.priority ? PRIORITY : `k:${ticket.key ?? ''}`);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private wait(key: string): Promise<void> {
    const priority = key === PRIORITY;
    const queue = this.queues.get(key) ?? [];
    const full = priority
      ? queue.length >= this.options.maxWaiting
      : this.waitingNormal >= this.options.maxWaiting;
    if (full) return Promise.reject(this.busy());
    if (!priority) this.waitingNormal++;
    this.queues.set(key, queue);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          this.remove(key, waiter);
          reject(this.busy());
        }, this.options.maxWaitMs),
      };
      queue.push(waiter);
    });
  }

  /** A finishing computation hands its slot straight to the next waiter, so the cap always holds. */
  private release(): void {
    const next = this.next();
    if (!next) {
      this.running--;
      return;
    }
    clearTimeout(next.timer);
    next.start();
  }

  /** The priority lane first; then the key whose turn it is, which then goes to the back. */
  private next(): Waiter | undefined {
    const priority = this.queues.get(PRIORITY);
    if (priority?.length) {
      const waiter = priority.shift();
      if (priority.length === 0) this.queues.delete(PRIORITY);
      return waiter;
    }
    for (const [key, queue] of this.queues) {
      const waiter = queue.shift();
      this.queues.delete(key);
      if (queue.length > 0) this.queues.set(key, queue);
      if (waiter) {
        this.waitingNormal--;
        return waiter;
      }
    }
    return undefined;
  }

  private remove(key: string, waiter: Waiter): void {
    const queue = this.queues.get(key);
    const at = queue?.indexOf(waiter) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    if (key !== PRIORITY) this.waitingNormal--;
    if (queue.length === 0) this.queues.delete(key);
  }

  private busy(): ServiceBusy {
    return new ServiceBusy(
      'Too many password checks are waiting; try again shortly.',
      this.options.retryAfterSeconds,
    );
  }
}
