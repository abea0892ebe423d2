import { EXPORT_COLUMNS, toExportRow, type ExportCell } from '../activities/activity-table';
import type { ActivityView } from '../activities/activity-view';
import { partCells, partColumnsFor, partPartyCodes } from '../activities/parts/part-columns';

/** The CSV/XLSX table: the activity's own columns (what the import reads), then each party's part. */
export function exportTable(activities: readonly ActivityView[]): {
  columns: string[];
  rows: Record<string, ExportCell>[];
} {
  const codes = partPartyCodes(activities);
  return {
    columns: [...EXPORT_COLUMNS, ...partColumnsFor(codes)],
    rows: activities.map((a) => ({ ...toExportRow(a), ...partCells(a, codes) })),
  };
}
