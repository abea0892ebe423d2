import { CalendarDate, compareDates } from '../../common/time/calendar-date';

/** An amendment: its own entry into force (null while it awaits notifications) and what it changes. */
export interface Amendment<Terms> {
  id: string;
  entryIntoForceOn: CalendarDate | null;
  changes: Partial<Terms>;
}

/**
 * The terms that apply on a day: the original terms, then each amendment in force by that day in the
 * order of its entry into force (two on the same day: the order given, i.e. the order recorded), each
 * replacing only what it changes. An amendment signed but not in force changes nothing yet.
 */
export function termsInForceOn<Terms extends object>(
  original: Terms,
  amendments: readonly Amendment<Terms>[],
  day: CalendarDate,
): Terms {
  const applicable = amendments
    .map((amendment, order) => ({ amendment, order }))
    .filter(
      ({ amendment }) =>
        amendment.entryIntoForceOn !== null && compareDates(amendment.entryIntoForceOn, day) <= 0,
    )
    .sort(
      (a, b) =>
        compareDates(a.amendment.entryIntoForceOn!, b.amendment.entryIntoForceOn!) ||
        a.order - b.order,
    );
  return applicable.reduce<Terms>(
    (terms, { amendment }) => ({ ...terms, ...definedOnly(amendment.changes) }),
    original,
  );
}

/** `{ noticeDays: undefined }` means "not changed", never "cleared". */
function definedOnly<T extends object>(changes: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
