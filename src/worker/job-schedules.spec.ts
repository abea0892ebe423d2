import { scheduleRefreshMs } from './job-schedules';

describe('how often workers upsert the job schedules again', () => {
  it.each([
    [60000, 30000], // the default sweep: twice per period
    [2000, 1000],
    [600000, 60000], // a slow sweep: still once a minute
    [1000, 500],
  ])('a sweep every %i ms refreshes every %i ms, within one sweep period', (sweep, refresh) => {
    expect(scheduleRefreshMs(sweep)).toBe(refresh);
    expect(scheduleRefreshMs(sweep)).toBeLessThan(sweep);
  });
});
