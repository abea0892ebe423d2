import type { ActivityView } from '../activity-view';

/**
 * Each party's part in the spreadsheet exports: after the activity's own columns, five per party on
 * any exported activity (`part_MA_status`, `part_MA_progress`, `part_MA_completedOn`, `part_MA_overdue`,
 * `part_MA_note`), parties in alphabetical order, empty cells where the party is not on the activity.
 * The joint `status` and `progressPercent` columns stay the activity's (the roll-up). The import reads
 * these columns as information only, like `overdue`: a part is its party's to report
 * (`PATCH /api/activities/:id/parts/:partyCode`), so an export imports back unchanged.
 */
export const PART_COLUMN_FIELDS = ['status', 'progress', 'completedOn', 'overdue', 'note'] as const;
type PartColumnField = (typeof PART_COLUMN_FIELDS)[number];

/** `part_<party code>_<field>`, as the export writes it (the import ignores case, like other headers). */
const PART_COLUMN = new RegExp(`^part_[A-Z][A-Z0-9]{1,15}_(${PART_COLUMN_FIELDS.join('|')})$`, 'i');

export function isPartColumn(name: string): boolean {
  return PART_COLUMN.test(name);
}

export function partColumn(partyCode: string, field: PartColumnField): string {
  return `part_${partyCode}_${field}`;
}

/** The parties with a part on any of these activities, alphabetically. */
export function partPartyCodes(activities: readonly ActivityView[]): string[] {
  return [...new Set(activities.flatMap((a) => a.parts.map((p) => p.partyCode)))].sort();
}

export function partColumnsFor(partyCodes: readonly string[]): string[] {
  return partyCodes.flatMap((code) => PART_COLUMN_FIELDS.map((field) => partColumn(code, field)));
}

/** The part columns of one activity; a party without a part on it gets empty cells. */
export function partCells(
  activity: ActivityView,
  partyCodes: readonly string[],
): Record<string, string | number | boolean> {
  const cells: Record<string, string | number | boolean> = {};
  for (const code of partyCodes) {
    const part = activity.parts.find((p) => p.partyCode === code);
    const values: Record<PartColumnField, string | number | boolean> = part
      ? {
          status: part.status,
          progress: part.progressPercent,
          completedOn: part.completedOn ?? '',
          overdue: part.overdue,
          note: part.note ?? '',
        }
      : { status: '', progress: '', completedOn: '', overdue: '', note: '' };
    for (const field of PART_COLUMN_FIELDS) cells[partColumn(code, field)] = values[field];
  }
  return cells;
}
