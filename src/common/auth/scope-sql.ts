import type { AgreementScope } from './permissions';

/**
 * The WHERE fragment (TypeORM named parameters) that limits rows to the agreements a scope may read.
 * `agreementAlias` is the alias of the agreements table in the query.
 */
export function agreementScopeCondition(
  scope: AgreementScope,
  agreementAlias: string,
): { sql: string; params: Record<string, unknown> } {
  switch (scope.kind) {
    case 'all':
      return { sql: 'TRUE', params: {} };
    case 'party':
      return {
        sql: `${agreementAlias}.party_codes @> ARRAY[:scopePartyCode]::varchar[]`,
        params: { scopePartyCode: scope.partyCode },
      };
    case 'agreements':
      return {
        sql: `${agreementAlias}.id = ANY(:scopeAgreementIds::uuid[])`,
        params: { scopeAgreementIds: scope.agreementIds },
      };
  }
}
