import { setImmediate as nextTick } from 'node:timers/promises';
import { plainToInstance } from 'class-transformer';
import { isUUID, validate } from 'class-validator';
import { FieldChange, newActivityFields, planActivityChange } from '../activity-changes';
import type { ActivityFields, ActivityPatch } from '../activity-changes';
import type { Activity } from '../activity.entity';
import { CreateActivityDto } from '../dto/create-activity.dto';
import { UpdateActivityDto } from '../dto/update-activity.dto';
import { InvalidInput } from '../../common/errors/domain-errors';
import { flattenValidationErrors } from '../../common/errors/validation';
import type { CalendarDate } from '../../common/time/calendar-date';
import type { RowError } from './import-errors';
import { ROWS_PER_TICK } from './import-limits';
import type { ImportRow } from './import-rows';
import { columnOfField, rowToBody } from '../activity-table';
import { translationChange, type TranslationChange } from '../activity-translations';
import { mergeTranslations, type Translations } from '../../common/i18n/translations';

/** The columns an activity row sets. */
export type NewActivity = ActivityFields & { translations: Translations };

/** A row with an `id`: what changes on that activity, written only if it is still at `expectedVersion`. */
export interface ActivityUpdate {
  row: number;
  id: string;
  expectedVersion: number;
  changes: FieldChange[];
  /** The row's `title_en`… cells, when they change what is stored. */
  translated: TranslationChange | null;
}

/** The plan's activities that rows name by id, and the copies of those that renewal carried over. */
export interface ExistingActivities {
  found: ReadonlyMap<string, Activity>;
  /** Original id → its copy's id in the next cycle: the original is read-only. */
  carriedOver: ReadonlyMap<string, string>;
}

export interface ValidatedRows {
  activities: NewActivity[];
  updates: ActivityUpdate[];
  errors: RowError[];
}

const NONE: ExistingActivities = { found: new Map(), carriedOver: new Map() };

/**
 * Every row goes through what the API applies to a JSON body: a row without `id` is a
 * `POST /activities` (CreateActivityDto, known party codes, the creation rules: completion sets 100 %,
 * the lead is among the parties, planned start not after due date); a row with `id` is a
 * `PATCH /activities/:id` of that activity of this plan (UpdateActivityDto, the same status and progress
 * rules, the `version` cell compared when there is one; empty cells leave a field as it is). All rows are
 * checked, so that one answer lists every problem in the file. Validation yields to the event loop every
 * ROWS_PER_TICK rows.
 */
export async function validateImportRows(
  rows: ImportRow[],
  knownPartyCodes: ReadonlySet<string>,
  today: CalendarDate,
  existing: ExistingActivities = NONE,
): Promise<ValidatedRows> {
  const activities: NewActivity[] = [];
  const updates: ActivityUpdate[] = [];
  const errors: RowError[] = [];
  const seenIds = new Map<string, number>();
  for (const [index, { row, values, id, version }] of rows.entries()) {
    // class-validator settles without I/O: give the event loop a turn now and then.
    if (index > 0 && index % ROWS_PER_TICK === 0) await nextTick();
    const rowErrors = (problems: { field: string; message: string }[]) =>
      errors.push(
        ...problems.map((p) => ({ row, field: columnOfField(p.field), message: p.message })),
      );

    if (id === undefined) {
      if (version !== undefined) {
        rowErrors([{ field: 'version', message: 'is only read on a row with an id' }]);
        continue;
      }
      const dto = plainToInstance(CreateActivityDto, rowToBody(values));
      const problems = flattenValidationErrors(
        await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
      );
      problems.push(...unknownParties(dto, knownPartyCodes));
      if (problems.length > 0) {
        rowErrors(problems);
        continue;
      }
      try {
        activities.push({
          ...newActivityFields(dto, today),
          translations: mergeTranslations({}, dto.translations),
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        rowErrors(error.errors);
      }
      continue;
    }

    const keyProblem = checkKey(id, seenIds, existing);
    if (keyProblem) {
      rowErrors([{ field: 'id', message: keyProblem }]);
      continue;
    }
    seenIds.set(id, row);
    const current = existing.found.get(id)!;
    const dto = plainToInstance(UpdateActivityDto, { ...rowToBody(values), version });
    const problems = flattenValidationErrors(
      await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
    );
    problems.push(...unknownParties(dto, knownPartyCodes));
    if (problems.length > 0) {
      rowErrors(problems);
      continue;
    }
    if (dto.version !== undefined && dto.version !== current.version) {
      rowErrors([
        {
          field: 'version',
          message:
            `the activity was changed since this file was written: the file has version ` +
            `${dto.version}, the current version is ${current.version}; export it again`,
        },
      ]);
      continue;
    }
    try {
      const { version: _version, note: _note, translations, ...patch } = dto;
      const changes = planActivityChange(current, patch as ActivityPatch, 'all_fields', today);
      const translated = translationChange(current, translations, 'all_fields');
      updates.push({ row, id, expectedVersion: current.version, changes, translated });
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      rowErrors(error.errors);
    }
  }
  return { activities, updates, errors };
}

/** Why a row's id cannot be updated, or null when it names a live activity of this plan. */
function checkKey(
  id: string,
  seen: ReadonlyMap<string, number>,
  existing: ExistingActivities,
): string | null {
  if (!isUUID(id)) return 'must be an activity id (a UUID); leave it empty to add a new activity';
  if (seen.has(id)) return `names the same activity as row ${seen.get(id)}`;
  if (!existing.found.has(id)) {
    return 'is not an activity of this plan; leave it empty to add the row as a new activity';
  }
  const copy = existing.carriedOver.get(id);
  if (copy) {
    return `this activity was carried over to the next cycle as ${copy}: update the copy instead`;
  }
  return null;
}

function unknownParties(
  dto: { leadPartyCode?: unknown; partyCodes?: unknown },
  known: ReadonlySet<string>,
) {
  const problems: { field: string; message: string }[] = [];
  if (typeof dto.leadPartyCode === 'string' && !known.has(dto.leadPartyCode)) {
    problems.push({ field: 'leadPartyCode', message: `unknown party code: ${dto.leadPartyCode}` });
  }
  const unknown = (Array.isArray(dto.partyCodes) ? dto.partyCodes : []).filter(
    (code) => !known.has(code),
  );
  if (unknown.length > 0) {
    problems.push({ field: 'partyCodes', message: `unknown party code(s): ${unknown.join(', ')}` });
  }
  return problems;
}
