import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { ActivityView } from '../../activities/activity-view';
import { compareDates, type CalendarDate } from '../../common/time/calendar-date';
import type { Party } from '../../parties/party.entity';
import type { ActivityMoney } from '../../money/money-reader';
import { IATI_ORG_TYPE } from './iati-codes';

/** IATI BudgetType 1: original; BudgetStatus 1: indicative (a plan's budget lines, not a commitment). */
const BUDGET_TYPE_ORIGINAL = '1';
const BUDGET_STATUS_INDICATIVE = '1';
/** IATI TransactionType 4: expenditure (money spent on the activity). */
const TRANSACTION_EXPENDITURE = '4';

/** The plan's period and each exported activity's money (src/money/money-reader.ts). */
export interface IatiMoney {
  plan: { startsOn: CalendarDate; endsOn: CalendarDate };
  byActivity: Map<string, ActivityMoney>;
}

/**
 * The activity's `budget` (one per currency: the sum of its budget lines over the activity's period,
 * from its planned start, else the plan's start, to its due date) and one `transaction` of type 4
 * (expenditure) per spending entry: the funder as provider-org, the party whose part it paid for as
 * receiver-org. Called between `sector` and `document-link`, where the 2.03 schema's sequence puts
 * budget and transaction; every amount stays in its own currency (value/@currency).
 */
export function appendFinance(
  el: XMLBuilder,
  activity: ActivityView,
  money: IatiMoney,
  parties: Map<string, Party>,
): void {
  const own = money.byActivity.get(activity.id);
  if (!own) return;
  const [start, end] = budgetPeriod(activity, money.plan);
  for (const budget of own.budgets) {
    const b = el.ele('budget', { type: BUDGET_TYPE_ORIGINAL, status: BUDGET_STATUS_INDICATIVE });
    b.ele('period-start', { 'iso-date': start });
    b.ele('period-end', { 'iso-date': end });
    b.ele('value', { currency: budget.currency, 'value-date': start }).txt(budget.amount);
  }
  for (const entry of own.spending) {
    const tx = el.ele('transaction', entry.reference ? { ref: entry.reference } : {});
    tx.ele('transaction-type', { code: TRANSACTION_EXPENDITURE });
    tx.ele('transaction-date', { 'iso-date': entry.spentOn });
    tx.ele('value', { currency: entry.currency, 'value-date': entry.spentOn }).txt(entry.amount);
    if (entry.note) tx.ele('description').ele('narrative').txt(entry.note);
    const funder = entry.funderPartyCode ? parties.get(entry.funderPartyCode) : undefined;
    tx.ele('provider-org', funder ? { type: IATI_ORG_TYPE[funder.type] } : {})
      .ele('narrative')
      .txt(entry.funder);
    const receiver = entry.partyCode ? parties.get(entry.partyCode) : undefined;
    if (receiver) {
      tx.ele('receiver-org', { type: IATI_ORG_TYPE[receiver.type] })
        .ele('narrative')
        .txt(receiver.name);
    }
  }
}

/** From the activity's planned start (else the plan's start) to its due date, never backwards. */
export function budgetPeriod(
  activity: Pick<ActivityView, 'plannedStartOn' | 'dueOn'>,
  plan: { startsOn: CalendarDate },
): [CalendarDate, CalendarDate] {
  const start = activity.plannedStartOn ?? plan.startsOn;
  return compareDates(start, activity.dueOn) <= 0
    ? [start, activity.dueOn]
    : [activity.dueOn, activity.dueOn];
}
