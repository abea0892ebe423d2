import { PARTY_FIGURES, PLAN_FIGURES, planFigures, type FigureRow } from './progress-sql';

const row = (
  kind: FigureRow['kind'],
  key: string | null,
  total: number,
  extra: Partial<FigureRow> = {},
): FigureRow => ({
  kind,
  key,
  total,
  completed: 0,
  overdue: 0,
  due30: 0,
  completion: null,
  ...extra,
});

describe('planFigures (PLAN_FIGURES rows → figures)', () => {
  it('takes totals from the plan row and spreads status, type and theme rows, in their order', () => {
    const figures = planFigures([
      row('plan', null, 5, {
        completed: 2,
        overdue: 1,
        due30: 2,
        completion: '48.0000000000000000',
      }),
      row('status', 'completed', 2, { completed: 2 }),
      row('status', 'planned', 3, { overdue: 1, due30: 2 }),
      row('theme', 'data_collection', 4, { completed: 1, overdue: 1 }),
      row('theme', 'victim_support', 1, { completed: 1 }),
      row('type', 'meeting', 1),
      row('type', 'workshop', 4, { completed: 2, overdue: 1 }),
    ]);
    expect(figures).toEqual({
      total: 5,
      byStatus: { planned: 3, in_progress: 0, completed: 2, postponed: 0, cancelled: 0 },
      completion: '48.0000000000000000',
      overdue: 1,
      dueNext30Days: 2,
      byType: [
        { type: 'meeting', total: 1, completed: 0, overdue: 0 },
        { type: 'workshop', total: 4, completed: 2, overdue: 1 },
      ],
      byTheme: [
        { theme: 'data_collection', total: 4, completed: 1, overdue: 1 },
        { theme: 'victim_support', total: 1, completed: 1, overdue: 0 },
      ],
    });
  });

  it('keeps the key order of the breakdowns the route has always answered', () => {
    const { byType, byTheme, byStatus } = planFigures([
      row('plan', null, 1),
      row('status', 'cancelled', 1),
      row('theme', 't', 1),
      row('type', 'other', 1),
    ]);
    expect(Object.keys(byType[0])).toEqual(['type', 'total', 'completed', 'overdue']);
    expect(Object.keys(byTheme[0])).toEqual(['theme', 'total', 'completed', 'overdue']);
    expect(Object.keys(byStatus)).toEqual([
      'planned',
      'in_progress',
      'completed',
      'postponed',
      'cancelled',
    ]);
  });

  it('answers zeros and no completion for a plan without activities (only the plan row)', () => {
    expect(planFigures([row('plan', null, 0)])).toMatchObject({
      total: 0,
      completion: null,
      overdue: 0,
      dueNext30Days: 0,
      byType: [],
      byTheme: [],
    });
  });
});

describe('the progress statements', () => {
  it('read the plan through the indexes that hold its rows together, in their order', () => {
    // IDX_activities_plan_breakdown (plan_id, themes, type, status) and
    // IDX_activity_parts_plan_figures (plan_id, party_code, status): grouping in the index's order is
    // what spares PostgreSQL a sort of the plan's rows.
    expect(PLAN_FIGURES).toContain('WHERE a.plan_id = $1\n   GROUP BY a.themes, a.type, a.status');
    expect(PARTY_FIGURES).toContain(
      'WHERE ap.plan_id = $1\n         GROUP BY ap.party_code, ap.status',
    );
    expect(PARTY_FIGURES).not.toMatch(/JOIN/);
  });
});
