import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { sumAmounts } from './money-amounts';
import { ActivityBudgetLine, ActivitySpending } from './money-entries.entity';

/** One activity's money as the IATI export reports it. */
export interface ActivityMoney {
  /** The planned budget per currency (exact sums), alphabetical. */
  budgets: { currency: string; amount: string }[];
  /** Every spending entry, by day spent. */
  spending: ActivitySpending[];
}

/** Money of activities the caller has already been allowed to read (the export's reader checked). */
@Injectable()
export class MoneyReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forActivities(activityIds: string[]): Promise<Map<string, ActivityMoney>> {
    const byActivity = new Map<string, ActivityMoney>(
      activityIds.map((id) => [id, { budgets: [], spending: [] }]),
    );
    if (activityIds.length === 0) return byActivity;
    const [lines, spending] = await Promise.all([
      this.dataSource.manager.find(ActivityBudgetLine, {
        select: { activityId: true, currency: true, amount: true },
        where: { activityId: In(activityIds) },
      }),
      this.dataSource.manager.find(ActivitySpending, {
        where: { activityId: In(activityIds) },
        order: { spentOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const planned = new Map<string, Map<string, string[]>>();
    for (const line of lines) {
      const currencies = planned.get(line.activityId) ?? new Map<string, string[]>();
      currencies.set(line.currency, [...(currencies.get(line.currency) ?? []), line.amount]);
      planned.set(line.activityId, currencies);
    }
    for (const [activityId, currencies] of planned) {
      byActivity.get(activityId)!.budgets = [...currencies.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, amounts]) => ({ currency, amount: sumAmounts(amounts) }));
    }
    for (const entry of spending) byActivity.get(entry.activityId)!.spending.push(entry);
    return byActivity;
  }
}
