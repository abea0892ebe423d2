/**
 * The one source of "now". Services inject `Clock`; tests replace it (see test/support/test-clock.ts)
 * to move time instead of sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
