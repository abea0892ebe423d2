import {
  diffBaselines,
  sortEntries,
  type BaselineChange,
  type BaselineEntry,
} from './baseline-diff';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const activity = (id: string, fields: Partial<BaselineEntry> = {}): BaselineEntry => ({
  activityId: id,
  partyCode: null,
  title: `Activity ${id.slice(-1)}`,
  translations: {},
  status: 'planned',
  progressPercent: 0,
  dueOn: '2026-06-30',
  completedOn: null,
  ...fields,
});
const part = (id: string, partyCode: string, fields: Partial<BaselineEntry> = {}): BaselineEntry =>
  activity(id, { partyCode, dueOn: null, ...fields });

/** The fields a test checks, without the repeated title. */
const brief = (c: BaselineChange) => [c.activityId.slice(-1), c.partyCode, c.field, c.from, c.to];

const base = [activity(A), part(A, 'CI'), part(A, 'MA')];

describe('diffBaselines', () => {
  it.each<[string, BaselineEntry[], BaselineEntry[], unknown[][]]>([
    ['identical baselines → nothing', base, base.map((e) => ({ ...e })), []],
    ['both empty → nothing', [], [], []],
    [
      'a due date moved → one change on the activity',
      base,
      [activity(A, { dueOn: '2026-09-30' }), part(A, 'CI'), part(A, 'MA')],
      [['a', null, 'dueOn', '2026-06-30', '2026-09-30']],
    ],
    [
      'one part moved and the joint status with it → both, activity first',
      base,
      [
        activity(A, { status: 'in_progress', progressPercent: 20 }),
        part(A, 'CI'),
        part(A, 'MA', { status: 'in_progress', progressPercent: 40 }),
      ],
      [
        ['a', null, 'status', 'planned', 'in_progress'],
        ['a', null, 'progressPercent', 0, 20],
        ['a', 'MA', 'status', 'planned', 'in_progress'],
        ['a', 'MA', 'progressPercent', 0, 40],
      ],
    ],
    [
      'a part completed → its status, progress and completion date',
      base,
      [
        activity(A),
        part(A, 'CI', { status: 'completed', progressPercent: 100, completedOn: '2026-05-02' }),
        part(A, 'MA'),
      ],
      [
        ['a', 'CI', 'status', 'planned', 'completed'],
        ['a', 'CI', 'progressPercent', 0, 100],
        ['a', 'CI', 'completedOn', null, '2026-05-02'],
      ],
    ],
    [
      'a new activity is one entry, not one per part',
      base,
      [...base, activity(B, { status: 'in_progress' }), part(B, 'MA')],
      [['b', null, 'added', null, 'in_progress']],
    ],
    [
      'a deleted activity is one entry with its last status',
      [...base, activity(B, { status: 'postponed' }), part(B, 'MA')],
      base,
      [['b', null, 'removed', 'postponed', null]],
    ],
    [
      'a party joins an activity that stays → added part',
      [activity(A), part(A, 'MA')],
      base,
      [['a', 'CI', 'added', null, 'planned']],
    ],
    [
      'a party leaves → removed part',
      base,
      [activity(A), part(A, 'MA')],
      [['a', 'CI', 'removed', 'planned', null]],
    ],
    [
      'a title change alone is not a change of state',
      base,
      [activity(A, { title: 'Renamed' }), part(A, 'CI'), part(A, 'MA')],
      [],
    ],
  ])('%s', (_name, previous, current, expected) => {
    expect(diffBaselines(previous, current).map(brief)).toEqual(expected);
  });

  it('names a removed activity by its last known title, a kept one by its current title', () => {
    const changes = diffBaselines(
      [activity(A), activity(B, { title: 'Gone' })],
      [activity(A, { title: 'Now', translations: { ar: { title: 'الآن' } }, dueOn: '2026-07-01' })],
    );
    expect(changes.map((c) => c.activityTitle)).toEqual([
      { title: 'Now', translations: { ar: { title: 'الآن' } } },
      { title: 'Gone', translations: {} },
    ]);
  });
});

describe('sortEntries', () => {
  it('orders activities by due date then title, each followed by its parts by party code', () => {
    const entries = [
      part(A, 'MA'),
      activity(B, { dueOn: '2026-01-01', title: 'Z' }),
      part(B, 'CI'),
      activity(A, { dueOn: '2026-01-01', title: 'Y' }),
      part(A, 'CI'),
    ];
    expect(
      sortEntries(entries).map((e) => `${e.activityId.slice(-1)}${e.partyCode ?? ''}`),
    ).toEqual(['a', 'aCI', 'aMA', 'b', 'bCI']);
  });
});
