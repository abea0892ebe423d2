import type { AgreementStatus } from '../agreements/agreement.entity';
import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';

/** One currency's budget of a plan: exact decimal strings in that currency, never converted. */
export interface BudgetUse {
  currency: string;
  planned: string;
  spent: string;
  /** Spent / planned in whole percent, half up (money-amounts.ts); null when nothing is planned. */
  usePercent: number | null;
}

export interface PortfolioRow {
  planId: string;
  title: string;
  translations: Translations;
  agreement: {
    id: string;
    title: string;
    translations: Translations;
    status: AgreementStatus;
    partyCodes: string[];
  };
  partyCodes: string[];
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  /** The plan's today (its time zone), against which overdue and the next deadline are reckoned. */
  today: CalendarDate;
  activityCount: number;
  /** As `GET …/progress` completionPercent: mean progress of the activities not cancelled, 1 decimal. */
  completionPercent: number;
  overdueCount: number;
  nextDeadline: {
    activityId: string;
    title: string;
    translations: Translations;
    dueOn: CalendarDate;
  } | null;
  /** Indicators of the plan (0 when it has no results framework). */
  indicatorCount: number;
  indicatorAchievementPercent: number | null;
  budget: BudgetUse[];
}

/** What the rows statement answers: completion still as the database's exact mean (text). */
export type PortfolioDbRow = Omit<PortfolioRow, 'completionPercent'> & {
  completion: string | null;
  indicatorCount: number | null;
};

/** Rounded exactly as ProgressService rounds it, so both routes show the same figure. */
export function completionPercent(mean: string | null): number {
  return mean === null ? 0 : Math.round(Number(mean) * 10) / 10;
}

export function toPortfolioRow(row: PortfolioDbRow): PortfolioRow {
  const { completion, ...rest } = row;
  return {
    ...rest,
    completionPercent: completionPercent(completion),
    indicatorCount: row.indicatorCount ?? 0,
  };
}
