import type { Activity } from '../activity.entity';
import type { ImportRow } from './import-rows';
import { validateImportRows } from './validate-rows';

const ID = '3f1d2a4e-0000-4000-8000-000000000001';
const OTHER = '3f1d2a4e-0000-4000-8000-000000000002';
const COPIED = '3f1d2a4e-0000-4000-8000-000000000003';
const stored = (id: string, version: number) =>
  ({
    id,
    version,
    title: 'Atelier',
    description: null,
    type: 'workshop',
    themes: [],
    leadPartyCode: 'MA',
    partyCodes: ['MA'],
    plannedStartOn: null,
    dueOn: '2026-05-01',
    status: 'in_progress',
    progressPercent: 40,
    completedOn: null,
    notes: null,
  }) as unknown as Activity;
const existing = {
  found: new Map([
    [ID, stored(ID, 3)],
    [COPIED, stored(COPIED, 1)],
  ]),
  carriedOver: new Map([[COPIED, OTHER]]),
};
const base = { title: 'Atelier', type: 'workshop', leadPartyCode: 'MA', dueOn: '2026-05-01' };
const validate = (rows: Omit<ImportRow, 'row'>[]) =>
  validateImportRows(
    rows.map((r, i) => ({ row: i + 2, ...r })),
    new Set(['MA', 'CI']),
    '2026-04-01',
    existing,
  );

describe('validateImportRows with ids', () => {
  it('a row without id creates, a row with an id of the plan updates what changed', async () => {
    const result = await validate([
      { values: { ...base, title: 'Nouveau' } },
      { id: ID, version: 3, values: { ...base, title: 'Atelier (revu)', progressPercent: 40 } },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.activities.map((a) => a.title)).toEqual(['Nouveau']);
    expect(result.updates).toEqual([
      {
        row: 3,
        id: ID,
        expectedVersion: 3,
        changes: [{ field: 'title', from: 'Atelier', to: 'Atelier (revu)' }],
      },
    ]);
  });

  it('an unchanged row is an update with no change; no version cell checks nothing', async () => {
    const result = await validate([{ id: ID, values: { ...base } }]);
    expect(result.errors).toEqual([]);
    expect(result.updates).toEqual([{ row: 2, id: ID, expectedVersion: 3, changes: [] }]);
  });

  it.each([
    ['an id that is not a UUID', { id: 'abc', values: base }, 'id'],
    ['an id of another plan (or none)', { id: OTHER, values: base }, 'id'],
    ['an activity renewal carried over', { id: COPIED, values: base }, 'id'],
    ['a stale version', { id: ID, version: 2, values: base }, 'version'],
    ['a version that is not a number', { id: ID, version: 'v3', values: base }, 'version'],
    ['a version without an id', { version: 3, values: base }, 'version'],
    [
      'an update that breaks a rule',
      { id: ID, values: { status: 'completed', progressPercent: 50 } },
      'progressPercent',
    ],
    ['an unknown party on update', { id: ID, values: { leadPartyCode: 'ZZ' } }, 'leadPartyCode'],
  ] as const)('%s is a row error', async (_name, row, field) => {
    const result = await validate([row as Omit<ImportRow, 'row'>]);
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(error).toEqual({ row: 2, field, message: expect.any(String) });
    }
    expect(result.updates).toEqual([]);
  });

  it('the same id twice is an error on the second row', async () => {
    const result = await validate([
      { id: ID, values: base },
      { id: ID, values: base },
    ]);
    expect(result.errors).toEqual([
      { row: 3, field: 'id', message: 'names the same activity as row 2' },
    ]);
  });
});
