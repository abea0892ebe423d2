import type { ActivityStatus } from '../activity-rules';
import { PartState, rollUpParts } from './part-rollup';

const part = (status: ActivityStatus, progressPercent = 0, completedOn: string | null = null) =>
  ({ status, progressPercent, completedOn }) as PartState;

describe('rollUpParts', () => {
  it.each<[string, PartState[], Partial<PartState>]>([
    ['one planned part', [part('planned')], { status: 'planned', progressPercent: 0 }],
    [
      'both planned',
      [part('planned', 10), part('planned', 20)],
      { status: 'planned', progressPercent: 15 },
    ],
    [
      'one completed, one planned → in progress',
      [part('completed', 100, '2026-03-01'), part('planned', 0)],
      { status: 'in_progress', progressPercent: 50, completedOn: null },
    ],
    [
      'one in progress, one planned → in progress',
      [part('in_progress', 40), part('planned', 0)],
      { status: 'in_progress', progressPercent: 20 },
    ],
    [
      'every part completed → completed on the latest date',
      [part('completed', 100, '2026-03-01'), part('completed', 100, '2026-04-02')],
      { status: 'completed', progressPercent: 100, completedOn: '2026-04-02' },
    ],
    [
      'a cancelled part is not required for completion',
      [part('completed', 100, '2026-03-01'), part('cancelled', 30)],
      { status: 'completed', progressPercent: 100, completedOn: '2026-03-01' },
    ],
    [
      'a cancelled part does not count in progress',
      [part('in_progress', 60), part('cancelled', 0), part('planned', 20)],
      { status: 'in_progress', progressPercent: 40 },
    ],
    [
      'every open part postponed → postponed',
      [part('postponed', 10), part('postponed', 30), part('cancelled', 0)],
      { status: 'postponed', progressPercent: 20 },
    ],
    [
      'one postponed, one planned → planned',
      [part('postponed'), part('planned')],
      { status: 'planned' },
    ],
    [
      'one completed, one postponed → in progress (work has started)',
      [part('completed', 100, '2026-01-01'), part('postponed', 0)],
      { status: 'in_progress', progressPercent: 50 },
    ],
    [
      'every part cancelled → cancelled, progress where the work stopped',
      [part('cancelled', 40), part('cancelled', 20)],
      { status: 'cancelled', progressPercent: 30, completedOn: null },
    ],
    [
      'progress is rounded',
      [part('in_progress', 33), part('in_progress', 34), part('in_progress', 34)],
      { progressPercent: 34 },
    ],
  ])('%s', (_name, parts, expected) => {
    expect(rollUpParts(parts)).toMatchObject(expected);
  });

  it('refuses an activity without parts', () => {
    expect(() => rollUpParts([])).toThrow();
  });
});
