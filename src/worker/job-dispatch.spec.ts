import type { Job } from 'bullmq';
import { currentCorrelationId } from '../common/correlation/correlation';
import {
  assertHandled,
  dispatcher,
  type JobHandler,
  missingHandlers,
  UnknownJob,
} from './job-dispatch';

const job = (name: string, id = '42') => ({ name, id }) as Job;

describe('job dispatch', () => {
  it.each([
    [['sweep', 'digest'], ['sweep', 'digest'], []],
    [['sweep', 'digest'], ['sweep'], ['digest']],
    [['deliver'], [], ['deliver']],
    [[], ['sweep'], []],
  ])('expected %j with handlers %j misses %j', (expected, present, missing) => {
    const handlers = new Map<string, JobHandler>(present.map((n) => [n, () => Promise.resolve()]));
    expect(missingHandlers(expected, handlers)).toEqual(missing);
  });

  it('refuses to start a queue with a job name that has no handler', () => {
    const handlers = new Map<string, JobHandler>([['sweep', () => Promise.resolve()]]);
    expect(() => assertHandled('reminders', ['sweep', 'digest'], handlers)).toThrow(
      'queue reminders: no handler for job digest',
    );
  });

  it('runs the named handler under the job correlation id', async () => {
    const seen: (string | undefined)[] = [];
    const handlers = new Map<string, JobHandler>([
      ['sweep', () => Promise.resolve(seen.push(currentCorrelationId()))],
    ]);
    await dispatcher('reminders', handlers)(job('sweep', '7'));
    expect(seen).toEqual(['job-7']);
  });

  it('fails a job with an unknown name without running any handler', async () => {
    const sweep = jest.fn(() => Promise.resolve());
    const handlers = new Map<string, JobHandler>([['sweep', sweep]]);
    await expect(dispatcher('reminders', handlers)(job('sweeep'))).rejects.toBeInstanceOf(
      UnknownJob,
    );
    expect(sweep).not.toHaveBeenCalled();
  });
});
