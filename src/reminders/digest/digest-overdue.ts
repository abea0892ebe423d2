import type { Translations } from '../../common/i18n/translations';
import type { CalendarDate } from '../../common/time/calendar-date';

/**
 * How many overdue activities the digest names per party, the most overdue first; the party's heading
 * still counts all of them and a last line says how many more there are, linked to the dashboard. At a
 * regional body's scale (the 1M-activity bench: ~20,000 overdue) naming every one made a single mail
 * of tens of thousands of lines (many MB of HTML, past common mail size limits, unreadable) and grew the
 * worker rendering it by ~90 MB of heap. The cap is applied in SQL, so the rows read are bounded by
 * parties × cap.
 */
export const OVERDUE_LINES_PER_PARTY = 20;

/**
 * One overdue activity under one party whose part is open (a joint activity comes once per such
 * party), among that party's first `OVERDUE_LINES_PER_PARTY` by (due date, title, id); `total` is how
 * many overdue activities the party has in all, named or not.
 */
export interface OverdueRow {
  id: string;
  title: string;
  translations: Translations;
  dueOn: CalendarDate;
  partyCode: string;
  total: number;
  planTitle: string;
  planTranslations: Translations;
}

export type OverdueActivity = Omit<OverdueRow, 'partyCode' | 'total'>;

export interface OverdueGroup {
  partyCode: string;
  /** Every overdue activity of the party, the named ones and the others. */
  total: number;
  /** The named ones, most overdue first (at most `OVERDUE_LINES_PER_PARTY`). */
  activities: OverdueActivity[];
  /** How many are counted but not named: `total - activities.length`. */
  more: number;
}

/**
 * The rows grouped by party, in the rows' order within a party (the SQL's: most overdue first), the
 * party with most overdue activities (its total, not the named ones) first, then by code. The count a
 * digest shows is the total, so "CI: 26 overdue" names 20 and says "and 6 more", never less.
 */
export function groupOverdueByParty(rows: readonly OverdueRow[]): OverdueGroup[] {
  const byParty = new Map<string, OverdueGroup>();
  for (const { partyCode, total, ...activity } of rows) {
    const group = byParty.get(partyCode) ?? { partyCode, total: 0, activities: [], more: 0 };
    group.total = Math.max(group.total, Number(total));
    group.activities.push(activity);
    byParty.set(partyCode, group);
  }
  return [...byParty.values()]
    .map((group) => ({ ...group, more: Math.max(0, group.total - group.activities.length) }))
    .sort((a, b) => b.total - a.total || a.partyCode.localeCompare(b.partyCode));
}
