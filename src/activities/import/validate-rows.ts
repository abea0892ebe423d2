import { setImmediate as nextTick } from 'node:timers/promises';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { newActivityFields, type ActivityFields } from '../activity-changes';
import { CreateActivityDto } from '../dto/create-activity.dto';
import { InvalidInput } from '../../common/errors/domain-errors';
import { flattenValidationErrors } from '../../common/errors/validation';
import type { CalendarDate } from '../../common/time/calendar-date';
import type { RowError } from './import-errors';
import { ROWS_PER_TICK } from './import-limits';
import type { ImportRow } from './import-rows';

/** The columns an activity row sets. */
export type NewActivity = ActivityFields;

export interface ValidatedRows {
  activities: NewActivity[];
  errors: RowError[];
}

/**
 * Every row goes through what `POST /activities` applies to a JSON body: the CreateActivityDto
 * constraints, known party codes, then the same creation rules (completion sets 100 %, the lead is
 * among the parties, planned start not after due date). All rows are checked, so that one answer
 * lists every problem in the file. Validation yields to the event loop every ROWS_PER_TICK rows.
 */
export async function validateImportRows(
  rows: ImportRow[],
  knownPartyCodes: ReadonlySet<string>,
  today: CalendarDate,
): Promise<ValidatedRows> {
  const activities: NewActivity[] = [];
  const errors: RowError[] = [];
  for (const [index, { row, values }] of rows.entries()) {
    // class-validator settles without I/O: give the event loop a turn now and then.
    if (index > 0 && index % ROWS_PER_TICK === 0) await nextTick();
    const dto = plainToInstance(CreateActivityDto, values);
    const problems = flattenValidationErrors(
      await validate(dto, { whitelist: true, forbidNonWhitelisted: true }),
    );
    problems.push(...unknownParties(dto, knownPartyCodes));
    if (problems.length > 0) {
      errors.push(...problems.map((p) => ({ row, field: p.field, message: p.message })));
      continue;
    }
    try {
      activities.push(newActivityFields(dto, today));
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      errors.push(...error.errors.map((e) => ({ row, field: e.field, message: e.message })));
    }
  }
  return { activities, errors };
}

function unknownParties(dto: CreateActivityDto, known: ReadonlySet<string>) {
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
