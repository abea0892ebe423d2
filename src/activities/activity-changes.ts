import { FOCAL_POINT_ACTIVITY_FIELDS, type ActivityEditRight } from '../common/auth/permissions';
import { Forbidden, InvalidInput } from '../common/errors/domain-errors';
import { compareDates, type CalendarDate } from '../common/time/calendar-date';
import type { HistoryValue } from './activity-history.entity';
import { progressProblem } from './activity-rules';
import type { Activity } from './activity.entity';

/** Fields of an activity that an update may set. */
export const EDITABLE_ACTIVITY_FIELDS = [
  'title',
  'description',
  'type',
  'themes',
  'leadPartyCode',
  'partyCodes',
  'plannedStartOn',
  'dueOn',
  'status',
  'progressPercent',
  'completedOn',
  'notes',
] as const;
export type EditableActivityField = (typeof EDITABLE_ACTIVITY_FIELDS)[number];
export type ActivityPatch = Partial<Pick<Activity, EditableActivityField>>;
/** Every field an activity's author sets; the plan, ids and timestamps are added when it is stored. */
export type ActivityFields = Pick<Activity, EditableActivityField>;

export interface FieldChange {
  field: EditableActivityField;
  from: HistoryValue;
  to: HistoryValue;
}

/**
 * Decides what an update does to an activity, without I/O: who may touch which field, the rules that
 * tie status, progress and completion date together, and the list of real changes for history.
 */
export function planActivityChange(
  current: Activity,
  patch: ActivityPatch,
  right: ActivityEditRight,
  today: CalendarDate,
): FieldChange[] {
  const requested = EDITABLE_ACTIVITY_FIELDS.filter((f) => patch[f] !== undefined);
  assertAllowed(requested, right);

  const next: ActivityPatch = { ...pick(current), ...definedOnly(patch) };
  applyStatusRules(current, patch, next, today);
  if (!next.partyCodes!.includes(next.leadPartyCode!)) {
    next.partyCodes = [next.leadPartyCode!, ...next.partyCodes!];
  }
  assertConsistent(next);

  return EDITABLE_ACTIVITY_FIELDS.filter(
    (f) => JSON.stringify(current[f]) !== JSON.stringify(next[f]),
  ).map((field) => ({
    field,
    from: current[field] as HistoryValue,
    to: next[field] as HistoryValue,
  }));
}

function assertAllowed(requested: EditableActivityField[], right: ActivityEditRight) {
  if (right === 'none') {
    throw new Forbidden('You may read this activity but not change it.');
  }
  if (right === 'status_fields') {
    const refused = requested.filter(
      (f) => !(FOCAL_POINT_ACTIVITY_FIELDS as readonly string[]).includes(f),
    );
    if (refused.length > 0) {
      throw new Forbidden(
        `A focal point may change only ${FOCAL_POINT_ACTIVITY_FIELDS.join(', ')}; not ${refused.join(', ')}.`,
      );
    }
  }
}

/**
 * Completing sets 100 % and the completion date; reopening clears the date; progress follows
 * progressProblem (100 when completed, frozen while cancelled).
 */
function applyStatusRules(
  current: Activity,
  patch: ActivityPatch,
  next: ActivityPatch,
  today: CalendarDate,
) {
  const progress = progressProblem(
    current.status,
    next.status!,
    current.progressPercent,
    patch.progressPercent,
  );
  if (progress) throw InvalidInput.field('progressPercent', progress);
  if (next.status === 'completed') {
    next.progressPercent = 100;
    next.completedOn = patch.completedOn ?? current.completedOn ?? today;
  } else {
    if (patch.completedOn !== undefined) {
      throw InvalidInput.field('completedOn', 'can only be set on a completed activity');
    }
    next.completedOn = null;
  }
}

function assertConsistent(next: ActivityPatch) {
  if (next.plannedStartOn && compareDates(next.plannedStartOn, next.dueOn!) > 0) {
    throw InvalidInput.field('plannedStartOn', 'cannot be after dueOn');
  }
}

function pick(activity: Activity): ActivityPatch {
  return Object.fromEntries(EDITABLE_ACTIVITY_FIELDS.map((f) => [f, activity[f]])) as ActivityPatch;
}

function definedOnly(patch: ActivityPatch): ActivityPatch {
  return Object.fromEntries(
    Object.entries(patch).filter(
      ([k, v]) => v !== undefined && (EDITABLE_ACTIVITY_FIELDS as readonly string[]).includes(k),
    ),
  ) as ActivityPatch;
}

/**
 * A new activity's fields: a blank planned activity with the given fields applied as a change, so
 * that creation (one at a time or imported) follows the same rules as an update.
 */
export function newActivityFields(
  input: ActivityPatch & Pick<Activity, 'title' | 'type' | 'leadPartyCode' | 'dueOn'>,
  today: CalendarDate,
): ActivityFields {
  const blank: ActivityFields = {
    title: input.title,
    type: input.type,
    leadPartyCode: input.leadPartyCode,
    partyCodes: [input.leadPartyCode],
    dueOn: input.dueOn,
    description: null,
    themes: [],
    plannedStartOn: null,
    status: 'planned',
    progressPercent: 0,
    completedOn: null,
    notes: null,
  };
  const changes = planActivityChange(blank as Activity, input, 'all_fields', today);
  for (const change of changes) Object.assign(blank, { [change.field]: change.to });
  return blank;
}
