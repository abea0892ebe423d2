import { Clock } from '../../src/common/time/clock';

/** A clock tests can set and move; starts at real time unless told otherwise. */
export class TestClock extends Clock {
  private current: Date | null = null;

  now(): Date {
    return this.current ? new Date(this.current) : new Date();
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  reset(): void {
    this.current = null;
  }
}
