import { agreementScopeCondition, agreementScopeSql } from './scope-sql';

describe('agreement scope SQL', () => {
  it('reads every agreement for managers, with no parameter', () => {
    const params: unknown[] = ['x'];
    expect(agreementScopeSql({ kind: 'all' }, 'ag', params)).toBe('TRUE');
    expect(params).toEqual(['x']);
    expect(agreementScopeCondition({ kind: 'all' }, 'ag')).toEqual({ sql: 'TRUE', params: {} });
  });

  it("limits a focal point to its party's agreements, numbering after existing parameters", () => {
    const params: unknown[] = ['id'];
    expect(agreementScopeSql({ kind: 'party', partyCode: 'MA' }, 'ag', params)).toBe(
      'ag.party_codes @> ARRAY[$2]::varchar[]',
    );
    expect(params).toEqual(['id', 'MA']);
    expect(agreementScopeCondition({ kind: 'party', partyCode: 'MA' }, 'a')).toEqual({
      sql: 'a.party_codes @> ARRAY[:scopePartyCode]::varchar[]',
      params: { scopePartyCode: 'MA' },
    });
  });

  it('limits an observer to its granted agreements (none granted: nothing)', () => {
    const params: unknown[] = [];
    expect(agreementScopeSql({ kind: 'agreements', agreementIds: [] }, 'ag', params)).toBe(
      'ag.id = ANY($1::uuid[])',
    );
    expect(params).toEqual([[]]);
    expect(agreementScopeCondition({ kind: 'agreements', agreementIds: ['g'] }, 'ag')).toEqual({
      sql: 'ag.id = ANY(:scopeAgreementIds::uuid[])',
      params: { scopeAgreementIds: ['g'] },
    });
  });
});
