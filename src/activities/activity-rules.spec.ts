import {
  ActivityStatus,
  isActivityStatus,
  isClosedStatus,
  isOverdue,
  progressProblem,
} from './activity-rules';

describe('isClosedStatus', () => {
  it.each<[ActivityStatus, boolean]>([
    ['planned', false],
    ['in_progress', false],
    ['completed', true],
    ['postponed', false],
    ['cancelled', true],
  ])('%s is closed: %s', (status, expected) => {
    expect(isClosedStatus(status)).toBe(expected);
  });
});

describe('isActivityStatus', () => {
  it.each([
    ['planned', true],
    ['in_progress', true],
    ['done', false],
    ['Completed', false],
    ['', false],
  ])('%j is a known status: %s', (value, expected) => {
    expect(isActivityStatus(value)).toBe(expected);
  });
});

describe('isOverdue', () => {
  const today = '2025-06-15';

  it.each<[ActivityStatus, string | null, boolean, string]>([
    ['completed', '2025-01-01', false, 'completed activities are never overdue'],
    ['cancelled', '2025-01-01', false, 'cancelled activities are never overdue'],
    ['completed', '2025-06-14', false, 'completed the day after due is not overdue'],
    ['planned', '2025-06-15', false, 'due today is not yet overdue'],
    ['planned', '2025-06-16', false, 'due tomorrow is not overdue'],
    ['planned', '2025-06-14', true, 'planned and due yesterday is overdue'],
    ['in_progress', '2025-06-14', true, 'in progress and due yesterday is overdue'],
    ['postponed', '2025-06-14', true, 'postponed still counts against its due date'],
    ['planned', null, false, 'without a due date nothing is overdue'],
  ])('%s due %s: overdue %s (%s)', (status, dueOn, expected) => {
    expect(isOverdue(status, dueOn, today)).toBe(expected);
  });

  it('is overdue across a year boundary', () => {
    expect(isOverdue('in_progress', '2024-12-31', '2025-01-01')).toBe(true);
  });
});

describe('progressProblem', () => {
  it.each([
    ['no progress asked', 'cancelled', 'cancelled', 30, undefined, null],
    ['in progress, any value', 'in_progress', 'in_progress', 30, 60, null],
    ['completing at 100', 'in_progress', 'completed', 30, 100, null],
    ['completing at 60', 'in_progress', 'completed', 30, 60, 'a completed activity is at 100'],
    ['completed, set to 60', 'completed', 'completed', 100, 60, 'a completed activity is at 100'],
    [
      'completed, the same 60 as before',
      'completed',
      'completed',
      60,
      60,
      'a completed activity is at 100',
    ],
    [
      'cancelled, set to 60',
      'cancelled',
      'cancelled',
      30,
      60,
      'a cancelled activity keeps the progress it stopped at (30); reopen it to record progress',
    ],
    [
      'cancelled, set to 0',
      'cancelled',
      'cancelled',
      30,
      0,
      'a cancelled activity keeps the progress it stopped at (30); reopen it to record progress',
    ],
    ['cancelled, the same value (a re-imported row)', 'cancelled', 'cancelled', 30, 30, null],
    ['cancelling with the progress reached', 'in_progress', 'cancelled', 30, 45, null],
    ['reopening a cancelled one with progress', 'cancelled', 'in_progress', 30, 60, null],
  ] as const)('%s', (_name, current, next, currentProgress, requested, expected) => {
    expect(progressProblem(current, next, currentProgress, requested)).toBe(expected);
  });
});
