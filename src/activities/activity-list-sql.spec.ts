import { activityListWhere, containsPattern } from './activity-list-sql';

describe('activity list WHERE clause', () => {
  it('limits to the plan alone when no filter is given', () => {
    const params: unknown[] = [];
    expect(activityListWhere('p1', {}, '2026-12-02', params)).toBe('a.plan_id = $1');
    expect(params).toEqual(['p1']);
  });

  it('binds every filter as a parameter, in order', () => {
    const params: unknown[] = [];
    const where = activityListWhere(
      'p1',
      {
        status: ['planned', 'in_progress'],
        type: ['workshop'],
        party: 'MA',
        dueBefore: '2027-01-01',
        dueAfter: '2026-01-01',
      },
      '2026-12-02',
      params,
    );
    expect(where).toBe(
      'a.plan_id = $1 AND a.status = ANY($2::varchar[]) AND a.type = ANY($3::varchar[])' +
        ' AND a.party_codes @> ARRAY[$4]::varchar[] AND a.due_on < $5::date AND a.due_on > $6::date',
    );
    expect(params).toEqual([
      'p1',
      ['planned', 'in_progress'],
      ['workshop'],
      'MA',
      '2027-01-01',
      '2026-01-01',
    ]);
  });

  it("reads overdue against the plan's today, and not overdue as due later or closed", () => {
    const late: unknown[] = [];
    expect(activityListWhere('p1', { overdue: true }, '2026-12-02', late)).toMatch(
      /a\.status IN \(.*\) AND a\.due_on < \$2::date$/,
    );
    expect(late).toEqual(['p1', '2026-12-02']);
    const onTime: unknown[] = [];
    expect(activityListWhere('p1', { overdue: false }, '2026-12-02', onTime)).toMatch(
      /\(a\.due_on >= \$2::date OR a\.status NOT IN \(.*\)\)$/,
    );
  });

  it('searches title, description, translations and notes with one folded pattern', () => {
    const params: unknown[] = [];
    const where = activityListWhere('p1', { q: '50%_é' }, '2026-12-02', params);
    expect(params[1]).toBe('%50\\%\\_é%');
    expect(where.match(/LIKE accords_fold\(\$2\)/g)).toHaveLength(4);
    expect(where).toContain(`a.translations->'ar'->>'description'`);
  });

  it('takes LIKE wildcards and backslashes literally', () => {
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});
