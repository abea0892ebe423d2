import { EDITABLE_ACTIVITY_FIELDS } from './activity-changes';
import type { ActivityView } from './activity-view';

/**
 * The one spreadsheet layout shared by the CSV and XLSX exports and the import: what the export writes,
 * the import reads back. `id`, `version` and `overdue` come last and are not fields: a row's `id` makes
 * the import update that activity (checked against `version` when the column is there), `overdue` is
 * computed and ignored.
 */
export const IMPORT_COLUMNS = EDITABLE_ACTIVITY_FIELDS;
export const KEY_COLUMNS = ['id', 'version'] as const;
export const READ_ONLY_COLUMNS = [...KEY_COLUMNS, 'overdue'] as const;
export const EXPORT_COLUMNS = [...IMPORT_COLUMNS, ...READ_ONLY_COLUMNS] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Columns that hold lists; a semicolon keeps them in one cell whatever the CSV delimiter is. */
export const LIST_COLUMNS: readonly ImportColumn[] = ['themes', 'partyCodes'];
export const DATE_COLUMNS: readonly ImportColumn[] = ['plannedStartOn', 'dueOn', 'completedOn'];
export const LIST_SEPARATOR = ';';

export type ExportCell = string | number | boolean;
export type ExportRow = Record<ExportColumn, ExportCell>;

/** Absent values become empty cells, so an export imports back to the same activity. */
export function toExportRow(activity: ActivityView): ExportRow {
  return {
    title: activity.title,
    description: activity.description ?? '',
    type: activity.type,
    themes: activity.themes.join(LIST_SEPARATOR),
    leadPartyCode: activity.leadPartyCode,
    partyCodes: activity.partyCodes.join(LIST_SEPARATOR),
    plannedStartOn: activity.plannedStartOn ?? '',
    dueOn: activity.dueOn,
    status: activity.status,
    progressPercent: activity.progressPercent,
    completedOn: activity.completedOn ?? '',
    notes: activity.notes ?? '',
    id: activity.id,
    version: activity.version,
    overdue: activity.overdue,
  };
}
