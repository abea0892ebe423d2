import { Forbidden, InvalidInput } from '../common/errors/domain-errors';
import { planActivityChange } from './activity-changes';
import type { Activity } from './activity.entity';

const TODAY = '2026-11-28';

function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: 'a1',
    planId: 'p1',
    title: 'Atelier technique sur la collecte de données',
    description: null,
    translations: {},
    type: 'workshop',
    themes: ['data_collection'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI'],
    plannedStartOn: '2026-10-01',
    dueOn: '2026-12-15',
    status: 'in_progress',
    progressPercent: 40,
    completedOn: null,
    notes: null,
    carriedOverFromId: null,
    version: 3,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('planActivityChange', () => {
  it('completing sets progress to 100 and the completion date to today', () => {
    const changes = planActivityChange(activity(), { status: 'completed' }, 'status_fields', TODAY);
    expect(changes).toEqual([
      { field: 'status', from: 'in_progress', to: 'completed' },
      { field: 'progressPercent', from: 40, to: 100 },
      { field: 'completedOn', from: null, to: TODAY },
    ]);
  });

  it('keeps an explicit completion date given by a manager', () => {
    const changes = planActivityChange(
      activity(),
      { status: 'completed', completedOn: '2026-11-20' },
      'all_fields',
      TODAY,
    );
    expect(changes.find((c) => c.field === 'completedOn')?.to).toBe('2026-11-20');
  });

  it('reopening a completed activity clears its completion date', () => {
    const done = activity({ status: 'completed', progressPercent: 100, completedOn: '2026-11-01' });
    const changes = planActivityChange(
      done,
      { status: 'in_progress', progressPercent: 90 },
      'status_fields',
      TODAY,
    );
    expect(changes).toEqual([
      { field: 'status', from: 'completed', to: 'in_progress' },
      { field: 'progressPercent', from: 100, to: 90 },
      { field: 'completedOn', from: '2026-11-01', to: null },
    ]);
  });

  it('records nothing when the values do not change', () => {
    expect(planActivityChange(activity(), { progressPercent: 40 }, 'status_fields', TODAY)).toEqual(
      [],
    );
  });

  it('refuses a completed activity below 100 percent', () => {
    expect(() =>
      planActivityChange(
        activity(),
        { status: 'completed', progressPercent: 50 },
        'all_fields',
        TODAY,
      ),
    ).toThrow(InvalidInput);
  });

  it('refuses a completion date on an open activity', () => {
    expect(() =>
      planActivityChange(activity(), { completedOn: '2026-11-01' }, 'all_fields', TODAY),
    ).toThrow(InvalidInput);
  });

  it('refuses a planned start after the due date', () => {
    expect(() =>
      planActivityChange(activity(), { plannedStartOn: '2027-01-01' }, 'all_fields', TODAY),
    ).toThrow(/plannedStartOn/);
  });

  it.each([['title'], ['dueOn'], ['partyCodes'], ['leadPartyCode']] as const)(
    'a focal point may not change %s',
    (field) => {
      const patch = {
        title: 'Nouveau titre',
        dueOn: '2027-01-10',
        partyCodes: ['MA'],
        leadPartyCode: 'CI',
      }[field];
      expect(() =>
        planActivityChange(activity(), { [field]: patch }, 'status_fields', TODAY),
      ).toThrow(Forbidden);
    },
  );

  it('a caller without edit rights may change nothing', () => {
    expect(() => planActivityChange(activity(), { notes: 'x' }, 'none', TODAY)).toThrow(Forbidden);
  });

  it('adds a new lead party to the participants', () => {
    const changes = planActivityChange(activity(), { leadPartyCode: 'IOM' }, 'all_fields', TODAY);
    expect(changes).toContainEqual({
      field: 'partyCodes',
      from: ['MA', 'CI'],
      to: ['IOM', 'MA', 'CI'],
    });
  });
});
