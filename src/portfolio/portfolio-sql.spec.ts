import type { AgreementScope } from '../common/auth/permissions';
import { PortfolioQueryDto } from './dto/portfolio-query.dto';
import { portfolioStatements } from './portfolio-sql';
import { completionPercent } from './portfolio-view';

const NOW = new Date('2026-12-02T10:00:00Z');

function query(fields: Partial<PortfolioQueryDto>): PortfolioQueryDto {
  return Object.assign(new PortfolioQueryDto(), fields);
}

describe('portfolioStatements', () => {
  it.each([
    ['title', true],
    ['endsOn', true],
    ['completion', false],
    ['overdue', false],
    ['nextDeadline', false],
    ['achievement', false],
  ] as const)('sort %s pages before reading activities: %s', (sort, pagesFirst) => {
    const { rows } = portfolioStatements({ kind: 'all' }, query({ sort }), NOW);
    expect(/page AS MATERIALIZED \(SELECT v\.\* FROM filtered v ORDER BY/.test(rows)).toBe(
      pagesFirst,
    );
    // Either way the full figures (the lateral over every activity of a plan) are for the page only.
    expect(rows).toMatch(/ranked AS \(SELECT v\.\*, f\.activity_count[\s\S]*FROM page v/);
    // A figure sort ranks by one key per plan first.
    expect(rows.includes('AS sort_key FROM filtered v')).toBe(!pagesFirst);
  });

  it.each<[AgreementScope, string, object]>([
    [{ kind: 'all' }, 'TRUE', {}],
    [
      { kind: 'party', partyCode: 'MA' },
      'ag.party_codes @> ARRAY[:scopePartyCode]',
      { scopePartyCode: 'MA' },
    ],
    [
      { kind: 'agreements', agreementIds: ['a'] },
      'ag.id = ANY(:scopeAgreementIds::uuid[])',
      { scopeAgreementIds: ['a'] },
    ],
  ])('limits rows and count to the scope %j', (scope, condition, params) => {
    const s = portfolioStatements(scope, query({}), NOW);
    expect(s.rows).toContain(condition);
    expect(s.count).toContain(condition);
    expect(s.params).toMatchObject(params);
  });

  it('adds each filter as a parameter, never as text', () => {
    const s = portfolioStatements(
      { kind: 'all' },
      query({
        country: 'QX',
        theme: 'some_theme',
        agreementStatus: 'draft',
        periodFrom: '2025-01-01',
        periodTo: '2025-12-31',
        page: 3,
        pageSize: 20,
      }),
      NOW,
    );
    expect(s.params).toMatchObject({
      country: 'QX',
      theme: 'some_theme',
      agreementStatus: 'draft',
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      limit: 20,
      offset: 40,
      now: '2026-12-02T10:00:00.000Z',
    });
    for (const value of ['QX', 'some_theme', 'draft', '2025-01-01']) {
      expect(s.rows).not.toContain(value);
    }
  });

  it('orders descending with missing figures last, ties by title then id', () => {
    const { rows } = portfolioStatements(
      { kind: 'all' },
      query({ sort: 'nextDeadline', order: 'desc' }),
      NOW,
    );
    expect(rows).toContain('ORDER BY v.next_due DESC NULLS LAST, v.title DESC, v.id');
  });
});

describe('completionPercent (as ProgressService rounds it)', () => {
  it.each([
    [null, 0],
    ['0', 0],
    ['33.3333333333333333', 33.3],
    ['66.6666666666666667', 66.7],
    ['100.0000000000000000', 100],
  ])('%s → %d', (mean, expected) => {
    expect(completionPercent(mean)).toBe(expected);
  });
});
