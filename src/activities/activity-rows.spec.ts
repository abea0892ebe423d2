import { getMetadataArgsStorage } from 'typeorm';
import { ActionPlan } from '../action-plans/action-plan.entity';
import { ACTION_PLAN_COLUMNS } from '../action-plans/action-plan-queries';
import { Activity } from './activity.entity';
import {
  ACTIVITY_COLUMNS,
  activityColumnsSql,
  activityReadColumnsSql,
  PART_COLUMNS,
  partsJsonSql,
  sortParts,
  toActivity,
  toActivityReadRow,
  toPart,
  partReadRows,
} from './activity-rows';
import { toActivityView } from './activity-view';
import { ActivityPart } from './parts/activity-part.entity';

/** The entity's columns as its decorators declare them: property → column name, in order. */
function declared(target: object): [string, string][] {
  return getMetadataArgsStorage()
    .columns.filter((c) => c.target === target)
    .map((c) => [c.propertyName, c.options.name ?? c.propertyName]);
}

/** A part as the list's JSON aggregate carries it (timestamp as ISO text). */
const partJson = {
  activityId: 'a1',
  partyCode: 'MA',
  status: 'planned',
  progressPercent: 0,
  note: null,
  completedOn: null,
  version: 1,
  updatedAt: '2026-12-02T10:06:10.291Z',
  updatedBy: null,
};

describe('hand-written activity rows', () => {
  it.each([
    ['Activity', Activity, ACTIVITY_COLUMNS],
    ['ActivityPart', ActivityPart, PART_COLUMNS],
    ['ActionPlan', ActionPlan, ACTION_PLAN_COLUMNS],
  ])(
    'name every column of %s as the entity does, in its declaration order',
    (_name, target, columns) => {
      expect(Object.entries(columns)).toEqual(declared(target));
    },
  );

  it('selects dates as YYYY-MM-DD text and names columns after the properties', () => {
    const sql = activityColumnsSql('a');
    expect(sql).toContain(`to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn"`);
    expect(sql).toContain('a.lead_party_code AS "leadPartyCode"');
    expect(sql).toContain('a.updated_at AS "updatedAt"');
    expect(sql).not.toContain('to_char(a.updated_at');
  });

  it('selects the same columns for the read routes, timestamps as ISO text', () => {
    const sql = activityReadColumnsSql('a');
    expect(sql).toContain(`to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn"`);
    expect(sql).toContain(`to_char(a.created_at AT TIME ZONE 'UTC',`);
    expect(sql).toContain(`to_char(a.updated_at AT TIME ZONE 'UTC',`);
    expect(sql.split(' AS "').length).toBe(activityColumnsSql('a').split(' AS "').length);
  });

  it('answers the same view from read rows (ISO text) as from entities (Dates)', () => {
    const fields = { ...Object.fromEntries(Object.keys(ACTIVITY_COLUMNS).map((f) => [f, f])) };
    const entityRow = {
      ...fields,
      status: 'planned',
      dueOn: '2026-01-01',
      leadPartyCode: 'MA',
      partyCodes: ['MA', 'CI'],
      createdAt: new Date('2025-03-04T05:06:07.089Z'),
      updatedAt: new Date('2025-04-05T06:07:08.009Z'),
    };
    const part = partJson;
    const readRow = {
      ...entityRow,
      createdAt: '2025-03-04T05:06:07.089Z',
      updatedAt: '2025-04-05T06:07:08.009Z',
      extra: 'left out',
    };
    const fromEntity = toActivityView(toActivity(entityRow), '2026-01-02', [toPart(part)]);
    const fromRead = toActivityView(toActivityReadRow(readRow), '2026-01-02', partReadRows([part]));
    expect(JSON.stringify(fromRead)).toBe(JSON.stringify(fromEntity));
    expect(fromRead.parts[0]).toMatchObject({ updatedAt: part.updatedAt, overdue: true });
  });

  it('keeps the entity key order and leaves out the extra columns of a row', () => {
    const row: Record<string, unknown> = { planTimeZone: 'UTC' };
    for (const field of [...Object.keys(ACTIVITY_COLUMNS)].reverse()) row[field] = field;
    const activity = toActivity(row);
    expect(Object.keys(activity)).toEqual(Object.keys(ACTIVITY_COLUMNS));
    expect(activity).not.toHaveProperty('planTimeZone');
  });

  it("reads a part's timestamp from its ISO text in JSON", () => {
    const part = toPart(partJson);
    expect(part.updatedAt).toBeInstanceOf(Date);
    expect((part.updatedAt as Date).toISOString()).toBe('2026-12-02T10:06:10.291Z');
    const same = new Date('2026-01-01T00:00:00.000Z');
    expect(toPart({ updatedAt: same }).updatedAt).toBe(same);
  });

  it('aggregates parts as JSON with the timestamp as text and dates as YYYY-MM-DD', () => {
    const sql = partsJsonSql('a');
    expect(sql).toContain(
      `'updatedAt', to_char(ap.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    );
    expect(sql).toContain(`'completedOn', to_char(ap.completed_on, 'YYYY-MM-DD')`);
    expect(sql).toContain('WHERE ap.activity_id = a.id');
  });

  it('lists the lead party first, then the parties in the activity order', () => {
    const parts = [{ partyCode: 'SN' }, { partyCode: 'FR' }, { partyCode: 'MA' }];
    expect(
      sortParts({ leadPartyCode: 'MA', partyCodes: ['FR', 'MA', 'SN'] }, parts).map(
        (p) => p.partyCode,
      ),
    ).toEqual(['MA', 'FR', 'SN']);
  });
});
