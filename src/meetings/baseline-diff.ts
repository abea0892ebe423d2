import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';

/** One activity (partyCode null) or one party's part of it, as a baseline holds it. */
export interface BaselineEntry {
  activityId: string;
  partyCode: string | null;
  title: string;
  translations: Translations;
  status: string;
  progressPercent: number;
  /** The activity's due date; null on part entries (parts have none of their own). */
  dueOn: CalendarDate | null;
  completedOn: CalendarDate | null;
}

export const CHANGE_FIELDS = [
  'added',
  'removed',
  'status',
  'progressPercent',
  'dueOn',
  'completedOn',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];
export type ChangeValue = string | number | null;

/** The activity's title as content elsewhere carries it: `localized(activityTitle, 'title', lang)`. */
export interface ActivityTitle {
  title: string;
  translations: Translations;
}

export interface BaselineChange {
  activityId: string;
  activityTitle: ActivityTitle;
  /** Null for the activity itself (its joint state), else the party whose part changed. */
  partyCode: string | null;
  field: ChangeField;
  /** `added`: null → the new status; `removed`: the last status → null. */
  from: ChangeValue;
  to: ChangeValue;
}

const COMPARED: readonly ('status' | 'progressPercent' | 'dueOn' | 'completedOn')[] = [
  'status',
  'progressPercent',
  'dueOn',
  'completedOn',
];

const keyOf = (e: Pick<BaselineEntry, 'activityId' | 'partyCode'>) =>
  `${e.activityId}|${e.partyCode ?? ''}`;

/**
 * Exactly what differs between two baselines of a plan (the previous meeting's, and this meeting's or
 * the live state). An activity that appears or disappears is one `added`/`removed` entry, not one per
 * part (its parts came or went with it); a party joining or leaving an activity that stays is an
 * `added`/`removed` entry with its partyCode. Otherwise one entry per field whose value differs. The
 * joint state of an activity is compared as well as its parts: when a part change moves the rolled-up
 * status, both are reported, because both changed.
 *
 * Order: activities as `current` lists them (removed ones after, in `previous`'s order), the activity
 * before its parts, parts by party code, fields in CHANGE_FIELDS order. Titles come from the newer
 * side (the previous one for removed activities).
 */
export function diffBaselines(
  previous: readonly BaselineEntry[],
  current: readonly BaselineEntry[],
): BaselineChange[] {
  const before = new Map(previous.map((e) => [keyOf(e), e]));
  const after = new Map(current.map((e) => [keyOf(e), e]));
  const titles = new Map<string, ActivityTitle>();
  for (const e of [...previous, ...current]) {
    if (e.partyCode === null) {
      titles.set(e.activityId, { title: e.title, translations: e.translations });
    }
  }
  const activityOrder: string[] = [];
  for (const e of [...current, ...previous]) {
    if (!activityOrder.includes(e.activityId)) activityOrder.push(e.activityId);
  }
  const entriesOf = (activityId: string) => {
    const keys = new Set<string>();
    for (const e of [...current, ...previous]) if (e.activityId === activityId) keys.add(keyOf(e));
    return [...keys].sort((a, b) => {
      const [pa, pb] = [a.split('|')[1], b.split('|')[1]];
      if (pa === '') return -1;
      if (pb === '') return 1;
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
  };

  const changes: BaselineChange[] = [];
  for (const activityId of activityOrder) {
    const activityTitle =
      titles.get(activityId) ?? fallbackTitle([...current, ...previous], activityId);
    const activityKey = `${activityId}|`;
    const activityBefore = before.get(activityKey);
    const activityAfter = after.get(activityKey);
    if (!activityBefore || !activityAfter) {
      // The whole activity came or went: one entry says it.
      changes.push({
        activityId,
        activityTitle,
        partyCode: null,
        field: activityAfter ? 'added' : 'removed',
        from: activityAfter ? null : (activityBefore?.status ?? null),
        to: activityAfter ? activityAfter.status : null,
      });
      continue;
    }
    for (const key of entriesOf(activityId)) {
      const from = before.get(key);
      const to = after.get(key);
      const partyCode = (from ?? to)!.partyCode;
      if (!from || !to) {
        changes.push({
          activityId,
          activityTitle,
          partyCode,
          field: to ? 'added' : 'removed',
          from: to ? null : from!.status,
          to: to ? to.status : null,
        });
        continue;
      }
      for (const field of COMPARED) {
        if (from[field] !== to[field]) {
          changes.push({
            activityId,
            activityTitle,
            partyCode,
            field,
            from: from[field],
            to: to[field],
          });
        }
      }
    }
  }
  return changes;
}

function fallbackTitle(entries: readonly BaselineEntry[], activityId: string): ActivityTitle {
  const any = entries.find((e) => e.activityId === activityId)!;
  return { title: any.title, translations: any.translations };
}

/**
 * Entries in reading order: activities by due date, title and id, each followed by its parts by party
 * code. Part entries carry no due date, so they sort with their activity.
 */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const activity = new Map(
    entries.filter((e) => e.partyCode === null).map((e) => [e.activityId, e]),
  );
  const sortKey = (e: BaselineEntry) => {
    const a = activity.get(e.activityId) ?? e;
    return [a.dueOn ?? '', a.title, e.activityId, e.partyCode ?? ''];
  };
  return [...entries].sort((x, y) => {
    const [kx, ky] = [sortKey(x), sortKey(y)];
    for (let i = 0; i < kx.length; i += 1) {
      if (kx[i] < ky[i]) return -1;
      if (kx[i] > ky[i]) return 1;
    }
    return 0;
  });
}
