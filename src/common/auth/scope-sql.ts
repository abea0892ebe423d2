import type { AgreementScope } from './permissions';

/**
 * The one SQL spelling of an agreement scope (permissions.ts agreementScope): managers read every
 * agreement, a focal point its party's, an observer its granted ones. `bind` turns a value into a
 * placeholder, so the same rule serves TypeORM's named parameters and DataSource.query's `$n`.
 */
function scopeSql(
  scope: AgreementScope,
  agreementAlias: string,
  bind: (name: string, value: unknown) => string,
): string {
  switch (scope.kind) {
    case 'all':
      return 'TRUE';
    case 'party':
      return `${agreementAlias}.party_codes @> ARRAY[${bind('scopePartyCode', scope.partyCode)}]::varchar[]`;
    case 'agreements':
      return `${agreementAlias}.id = ANY(${bind('scopeAgreementIds', scope.agreementIds)}::uuid[])`;
  }
}

/**
 * The WHERE fragment (TypeORM named parameters) that limits rows to the agreements a scope may read.
 * `agreementAlias` is the alias of the agreements table in the query.
 */
export function agreementScopeCondition(
  scope: AgreementScope,
  agreementAlias: string,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const sql = scopeSql(scope, agreementAlias, (name, value) => {
    params[name] = value;
    return `:${name}`;
  });
  return { sql, params };
}

/**
 * The same fragment for positional parameters (DataSource.query, EntityManager.query): the scope's
 * value, if any, is appended to `params` and referred to by its number.
 */
export function agreementScopeSql(
  scope: AgreementScope,
  agreementAlias: string,
  params: unknown[],
): string {
  return scopeSql(scope, agreementAlias, (_name, value) => `$${params.push(value)}`);
}
