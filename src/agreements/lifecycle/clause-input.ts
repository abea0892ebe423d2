import { InvalidInput } from '../../common/errors/domain-errors';
import type { EntryIntoForceBasis } from '../agreement.entity';

/** The clause's count, checked for its basis: days ≥ 0 (default 0), months ≥ 1 (default 1), else none. */
export function checkedCount(
  basis: EntryIntoForceBasis,
  count: number | null | undefined,
  field: string,
): number | null {
  if (basis === 'days_after_last_notification') return count ?? 0;
  if (basis === 'first_day_of_month_after_last_notification') {
    if (count !== undefined && count !== null && count < 1) {
      throw InvalidInput.field(field, 'must be at least 1 month');
    }
    return count ?? 1;
  }
  if (count !== undefined && count !== null) {
    throw InvalidInput.field(field, `has no meaning for the basis "${basis}"`);
  }
  return null;
}
