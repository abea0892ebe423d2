import type { HistoryValue } from '../activities/activity-history.entity';
import type { ActivityBudgetLine, ActivitySpending } from './money-entries.entity';

export type MoneyKind = 'budget' | 'spending';

/**
 * A money change as a row of the activity's history, read by the same history view as every other
 * change: the field is `budget` or `spending`, or `parts.<code>.budget|spending` when the money is one
 * party's (so the view names the party, as for a part's status); the value is the entry as the reader
 * needs it — [amount, currency, funder] (+ the day spent, the reference) — and null when the entry did
 * not exist (created) or no longer does (deleted).
 */
export function moneyHistoryField(kind: MoneyKind, partyCode: string | null): string {
  return partyCode ? `parts.${partyCode}.${kind}` : kind;
}

export function moneyHistoryValue(entry: ActivityBudgetLine | ActivitySpending): HistoryValue {
  const value = [entry.amount, entry.currency, entry.funder];
  if ('spentOn' in entry) {
    value.push(entry.spentOn);
    if (entry.reference) value.push(entry.reference);
  }
  if (entry.note) value.push(entry.note);
  return value;
}
