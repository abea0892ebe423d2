/**
 * A fast way in for the query string of a hot route: a query DTO class may offer a static
 * `parseWellFormed(raw)` that builds the DTO straight from the common, well-formed shapes of its query
 * and answers undefined for anything else. The global validation pipe (common/errors/validation.ts)
 * tries it first and otherwise runs class-transformer and class-validator as for any DTO, so every bad
 * input still gets the same 400 naming the field: the fast way only ever accepts, never refuses.
 *
 * Why: class-transformer + class-validator cost ~0.3 ms per request on a list page's query (a fifth of
 * its Node CPU under load), for three small fields.
 */
export interface WellFormedQueryParser<T> {
  parseWellFormed(raw: Readonly<Record<string, unknown>>): T | undefined;
}

export function wellFormedQuery(metatype: unknown, raw: unknown): object | undefined {
  if (typeof metatype !== 'function' || raw === null || typeof raw !== 'object') return undefined;
  const parse = (metatype as Partial<WellFormedQueryParser<object>>).parseWellFormed;
  return typeof parse === 'function'
    ? parse.call(metatype, raw as Record<string, unknown>)
    : undefined;
}

/**
 * A positive integer written the plain way (`1`, `50`, no sign, no leading zero, no exponent) and at
 * most `max`; undefined otherwise, also for what class-validator would accept in another spelling.
 */
export function plainPositiveInt(value: unknown, max: number): number | undefined {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}
