import {
  CONTENT_LANGUAGES,
  TRANSLATED_FIELDS,
  type ContentLanguage,
  type TranslatedField,
  type TranslationsPatch,
} from '../common/i18n/translations';
import { EDITABLE_ACTIVITY_FIELDS } from './activity-changes';
import type { ActivityView } from './activity-view';

/** `title_fr`, `title_en`, `title_ar`, `description_fr`, …: one column per translated field. */
export const TRANSLATION_COLUMNS = TRANSLATED_FIELDS.flatMap((field) =>
  CONTENT_LANGUAGES.map((language) => `${field}_${language}` as const),
);
export type TranslationColumn = `${TranslatedField}_${ContentLanguage}`;

/**
 * The one spreadsheet layout shared by the CSV and XLSX exports and the import: what the export writes,
 * the import reads back. `id`, `version` and `overdue` come last and are not fields: a row's `id` makes
 * the import update that activity (checked against `version` when the column is there), `overdue` is
 * computed and ignored.
 */
export const IMPORT_COLUMNS = [...EDITABLE_ACTIVITY_FIELDS, ...TRANSLATION_COLUMNS] as const;
export const KEY_COLUMNS = ['id', 'version'] as const;
export const READ_ONLY_COLUMNS = [...KEY_COLUMNS, 'overdue'] as const;
export const EXPORT_COLUMNS = [...IMPORT_COLUMNS, ...READ_ONLY_COLUMNS] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Columns that hold lists; a semicolon keeps them in one cell whatever the CSV delimiter is. */
export const LIST_COLUMNS: readonly ImportColumn[] = ['themes', 'partyCodes'];
export const DATE_COLUMNS: readonly ImportColumn[] = ['plannedStartOn', 'dueOn', 'completedOn'];
export const LIST_SEPARATOR = ';';
/** Text kept as written (codes, enums and dates lose stray spaces). */
export const FREE_TEXT_COLUMNS: readonly ImportColumn[] = [
  'title',
  'description',
  'notes',
  ...TRANSLATION_COLUMNS,
];

export function isTranslationColumn(column: string): column is TranslationColumn {
  return (TRANSLATION_COLUMNS as readonly string[]).includes(column);
}

/**
 * A row's values as a write body: the `title_en`… cells become `translations: { en: { title } }`. An
 * empty cell leaves that translation as it is, like an empty cell of any other column.
 */
export function rowToBody(values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const translations: Record<string, Record<string, unknown>> = {};
  for (const [column, value] of Object.entries(values)) {
    if (!isTranslationColumn(column)) {
      body[column] = value;
      continue;
    }
    const [field, language] = column.split('_') as [TranslatedField, ContentLanguage];
    (translations[language] ??= {})[field] = value;
  }
  if (Object.keys(translations).length > 0) body.translations = translations as TranslationsPatch;
  return body;
}

/** `translations.en.title` (what validation names) back to the file's `title_en`. */
export function columnOfField(field: string): string {
  const match = /^translations\.(fr|en|ar)\.(title|description)$/.exec(field);
  return match ? `${match[2]}_${match[1]}` : field;
}

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
    ...translationCells(activity),
    id: activity.id,
    version: activity.version,
    overdue: activity.overdue,
  };
}

function translationCells(activity: ActivityView): Record<TranslationColumn, string> {
  const cells = {} as Record<TranslationColumn, string>;
  for (const field of TRANSLATED_FIELDS) {
    for (const language of CONTENT_LANGUAGES) {
      cells[`${field}_${language}`] = activity.translations?.[language]?.[field] ?? '';
    }
  }
  return cells;
}
