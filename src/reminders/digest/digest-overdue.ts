import type { Translations } from '../../common/i18n/translations';
import type { CalendarDate } from '../../common/time/calendar-date';

export interface OverdueActivity {
  id: string;
  title: string;
  translations: Translations;
  dueOn: CalendarDate;
  partyCodes: string[];
  planTitle: string;
  planTranslations: Translations;
}

export interface OverdueGroup {
  partyCode: string;
  activities: OverdueActivity[];
}

/**
 * Overdue activities under each party whose part is open (a joint activity is under each such party), the
 * party with most first. The count a digest shows is the length of the list it names: the old SQL
 * counted every row but kept only the first five titles ("CI: 6 overdue" naming five).
 */
export function groupOverdueByParty(activities: readonly OverdueActivity[]): OverdueGroup[] {
  const byParty = new Map<string, OverdueActivity[]>();
  for (const activity of activities) {
    for (const code of activity.partyCodes) {
      const list = byParty.get(code) ?? [];
      list.push(activity);
      byParty.set(code, list);
    }
  }
  return [...byParty.entries()]
    .map(([partyCode, list]) => ({ partyCode, activities: list }))
    .sort(
      (a, b) => b.activities.length - a.activities.length || a.partyCode.localeCompare(b.partyCode),
    );
}
