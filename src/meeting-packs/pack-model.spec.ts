import { samplePackInput, words } from './pack-fixture';
import { buildPackModel, type PackActivityInput } from './pack-model';

const activity = (
  id: string,
  dueOn: string,
  parts: [code: string, status: PackActivityInput['status'], lastUpdateOn: string][],
): PackActivityInput => ({
  id,
  title: words(`Activité ${id}`),
  dueOn,
  status: parts.every(([, s]) => s === 'completed') ? 'completed' : 'in_progress',
  progressPercent: 0,
  parts: parts.map(([partyCode, status, lastUpdateOn]) => ({
    partyCode,
    status,
    progressPercent: 0,
    lastUpdateOn,
  })),
});

describe('committee pack model', () => {
  it('counts completion overall by activity and per country by part, leaving cancelled ones out', () => {
    const model = buildPackModel(samplePackInput());
    // a1 in progress (overdue), a2 completed, a3 cancelled: 1 of 2.
    expect(model.completion.overall).toEqual({ completed: 1, total: 2, overdue: 1, percent: 50 });
    expect(model.completion.perParty).toEqual([
      // Morocco: a1 and a2 done, its a3 part cancelled.
      { partyCode: 'MA', completed: 2, total: 2, overdue: 0, percent: 100 },
      // Côte d'Ivoire: a2 done, a1 still planned and past due.
      { partyCode: 'CI', completed: 1, total: 2, overdue: 1, percent: 50 },
    ]);
  });

  it.each([
    // today, the part's status, the day of its last update, expected days silent (null: not silent)
    ['2026-12-01', 'planned', '2026-11-01', 30],
    ['2026-12-01', 'in_progress', '2026-11-02', null], // 29 days
    ['2026-12-01', 'postponed', '2026-01-01', 334],
    ['2026-12-01', 'completed', '2026-01-01', null], // closed: never silent
    ['2026-12-01', 'cancelled', '2026-01-01', null],
  ] as const)(
    'on %s a %s part last updated %s is silent for %p days',
    (today, status, last, days) => {
      const model = buildPackModel(
        samplePackInput({
          today,
          activities: [activity('x', '2027-01-01', [['MA', status, last]])],
        }),
      );
      expect(model.silentParts.map((p) => p.daysSilent)).toEqual(days === null ? [] : [days]);
    },
  );

  it('lists the overdue parts, not the overdue activities: a party that did its share is not late', () => {
    const model = buildPackModel(
      samplePackInput({
        today: '2026-12-10',
        activities: [
          activity('late', '2026-12-01', [
            ['MA', 'completed', '2026-11-30'],
            ['CI', 'in_progress', '2026-11-30'],
          ]),
          activity('due-today', '2026-12-10', [['CI', 'planned', '2026-12-01']]),
          activity('later', '2026-12-05', [['MA', 'postponed', '2026-12-01']]),
        ],
      }),
    );
    expect(
      model.overdueParts.map((p) => [p.activityTitle.original, p.partyCode, p.daysLate]),
    ).toEqual([
      ['Activité late', 'CI', 9],
      ['Activité later', 'MA', 5],
    ]);
  });

  it('orders the changes by activity, then part, then field', () => {
    const base = { activityTitle: words('B'), from: null, to: null };
    const model = buildPackModel(
      samplePackInput({
        changes: [
          { ...base, activityId: 'b', partyCode: 'MA', field: 'dueOn' },
          { ...base, activityId: 'b', partyCode: 'MA', field: 'status' },
          { ...base, activityId: 'b', partyCode: null, field: 'progressPercent' },
          { ...base, activityId: 'a', activityTitle: words('A'), partyCode: null, field: 'added' },
        ],
      }),
    );
    expect(
      model.changes.map((c) => `${c.activityTitle.original}/${c.partyCode}/${c.field}`),
    ).toEqual(['A/null/added', 'B/null/progressPercent', 'B/MA/status', 'B/MA/dueOn']);
  });

  it('gives nothing to do as 0 %, not a division by zero', () => {
    const model = buildPackModel(samplePackInput({ activities: [] }));
    expect(model.completion.overall).toEqual({ completed: 0, total: 0, overdue: 0, percent: 0 });
  });
});
