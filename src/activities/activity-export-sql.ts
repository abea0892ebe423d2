import { CONTENT_LANGUAGES, TRANSLATED_FIELDS } from '../common/i18n/translations';
import { dateSql } from '../database/sql-columns';
import { openStatusSql, overdueSql } from './activity-sql';
import { EXPORT_COLUMNS, LIST_SEPARATOR, type ExportColumn } from './activity-table';
import { PART_COLUMN_FIELDS } from './parts/part-columns';

/**
 * The spreadsheet row of an activity (activity-table.ts toExportRow, part-columns.ts partCells) computed
 * by PostgreSQL, every cell already the text the file shows: the CSV export of a plan of thousands
 * selects straight into its cells instead of building an entity, a view and an export row per activity
 * (three objects, dates parsed and printed again, for text that goes out unchanged). The rules are the
 * same as toExportRow's: absent values are empty cells, lists joined with `;`, dates `YYYY-MM-DD`,
 * `overdue` as activity-sql.ts says it; the e2e export tests compare both against each other.
 */

const text = (sql: string) => `coalesce(${sql}, '')`;
const bool = (condition: string) => `CASE WHEN ${condition} THEN 'true' ELSE 'false' END`;

/** Each export column of the activity `a` as a text expression; `today` an SQL date expression. */
function activityCells(today: string): Record<ExportColumn, string> {
  const translations = Object.fromEntries(
    TRANSLATED_FIELDS.flatMap((field) =>
      CONTENT_LANGUAGES.map((language) => [
        `${field}_${language}`,
        text(`a.translations->'${language}'->>'${field}'`),
      ]),
    ),
  ) as Record<
    `${(typeof TRANSLATED_FIELDS)[number]}_${(typeof CONTENT_LANGUAGES)[number]}`,
    string
  >;
  return {
    title: 'a.title',
    description: text('a.description'),
    type: 'a.type',
    themes: `array_to_string(a.themes, '${LIST_SEPARATOR}')`,
    leadPartyCode: 'a.lead_party_code',
    partyCodes: `array_to_string(a.party_codes, '${LIST_SEPARATOR}')`,
    plannedStartOn: text(dateSql('a.planned_start_on')),
    dueOn: dateSql('a.due_on'),
    status: 'a.status',
    progressPercent: 'a.progress_percent::text',
    completedOn: text(dateSql('a.completed_on')),
    notes: text('a.notes'),
    ...translations,
    id: 'a.id::text',
    version: 'a.version::text',
    overdue: bool(overdueSql('a', today)),
  };
}

/** A part's five cells (PART_COLUMN_FIELDS), late by the activity's due date like part-view.ts. */
function partCells(today: string): Record<(typeof PART_COLUMN_FIELDS)[number], string> {
  return {
    status: 'ap.status',
    progress: 'ap.progress_percent::text',
    completedOn: text(dateSql('ap.completed_on')),
    overdue: bool(`${openStatusSql('ap')} AND a.due_on < ${today}`),
    note: text('ap.note'),
  };
}

/**
 * The SELECT list: EXPORT_COLUMNS' cells in order, then one JSON object of the activity's parts,
 * party code → its five cells (`{}` without parts); which parties get columns depends on every row,
 * so the part columns are laid out once all rows are in (exports/csv/activities-csv.ts).
 */
export function exportCellsSql(today: string): string {
  const cells = activityCells(today);
  const part = partCells(today);
  const partArray = PART_COLUMN_FIELDS.map((field) => part[field]).join(', ');
  return `${EXPORT_COLUMNS.map((column) => cells[column]).join(', ')},
    (SELECT coalesce(json_object_agg(ap.party_code, json_build_array(${partArray})), '{}')
       FROM activity_parts ap WHERE ap.activity_id = a.id) AS parts`;
}

/** A row of exportCellsSql: the activity's cells, then its parts' cells by party code. */
export type ExportCellsRow = [...cells: string[], parts: Record<string, string[]>];
