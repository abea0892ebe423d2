import { isClosedStatus, isOverdue, type ActivityStatus } from '../activities/activity-rules';
import type { ContentLanguage } from '../common/i18n/translations';
import { daysBetween, type CalendarDate } from '../common/time/calendar-date';

/**
 * The committee pack as data: what the PDF says, before it is laid out in any language. Built by a
 * pure function from what the reader gathered, so that every figure is unit-tested without a browser.
 */

/** A piece of content as written (`original`, no language) and its translations. */
export interface Words {
  original: string;
  translations: Partial<Record<ContentLanguage, string>>;
}

export function wordsIn(words: Words, language: ContentLanguage): string {
  return words.translations[language] || words.original;
}

export interface PackParty {
  code: string;
  /** Full name, used when `names` lacks the language. */
  name: string;
  names: Partial<Record<ContentLanguage, string>>;
}

export interface PackPartInput {
  partyCode: string;
  status: ActivityStatus;
  progressPercent: number;
  /** The day (in the plan's zone) of the part's last change. */
  lastUpdateOn: CalendarDate;
}

export interface PackActivityInput {
  id: string;
  title: Words;
  dueOn: CalendarDate;
  status: ActivityStatus;
  progressPercent: number;
  parts: PackPartInput[];
}

export type ChangeField =
  'status' | 'progressPercent' | 'dueOn' | 'completedOn' | 'added' | 'removed';

/** One change between the previous meeting's baseline and this meeting's (MeetingsReader.changesSince). */
export interface PackChange {
  activityId: string;
  activityTitle: Words;
  /** The part that changed, or null for the activity itself. */
  partyCode: string | null;
  field: ChangeField;
  from: string | number | null;
  to: string | number | null;
}

export interface PackEvidence {
  activityTitle: Words;
  partyCode: string | null;
  kind: string;
  fileName: string;
  receivedOn: CalendarDate;
}

export interface PackDecisionInput {
  text: Words;
  /** The activity the decision became, as it stands now; null when it became none (or was deleted). */
  activity: { title: Words; status: ActivityStatus; progressPercent: number } | null;
}

export interface PackInput {
  agreement: Words;
  plan: Words;
  parties: PackParty[];
  meeting: { heldOn: CalendarDate; place: string | null };
  previousMeeting: { heldOn: CalendarDate } | null;
  activities: PackActivityInput[];
  changes: PackChange[];
  evidence: PackEvidence[];
  /** Decisions of the previous meeting. */
  decisions: PackDecisionInput[];
  /** Today in the plan's zone: decides overdue and silence. */
  today: CalendarDate;
  /** An open part with no update for this many days or more is silent. */
  silentAfterDays: number;
}

export interface Tally {
  completed: number;
  /** Everything still required: cancelled items are left out of both counts. */
  total: number;
  overdue: number;
  /** completed / total, rounded; 0 when there is nothing to do. */
  percent: number;
}

export interface OverduePart {
  activityTitle: Words;
  partyCode: string;
  dueOn: CalendarDate;
  daysLate: number;
}

export interface SilentPart {
  activityTitle: Words;
  partyCode: string;
  lastUpdateOn: CalendarDate;
  daysSilent: number;
}

export interface PackModel {
  agreement: Words;
  plan: Words;
  parties: PackParty[];
  meeting: PackInput['meeting'];
  previousMeeting: PackInput['previousMeeting'];
  /** The day the pack was prepared, in the plan's zone. */
  generatedOn: CalendarDate;
  silentAfterDays: number;
  completion: { overall: Tally; perParty: (Tally & { partyCode: string })[] };
  changes: PackChange[];
  overdueParts: OverduePart[];
  silentParts: SilentPart[];
  evidence: PackEvidence[];
  decisions: PackDecisionInput[];
}

/** Order of a change's fields within one activity and part, as a reader goes through them. */
const FIELD_ORDER: ChangeField[] = [
  'added',
  'removed',
  'status',
  'progressPercent',
  'dueOn',
  'completedOn',
];

export function buildPackModel(input: PackInput): PackModel {
  const { activities, today } = input;
  const overall = tally(
    activities.map((a) => ({ status: a.status, overdue: isOverdue(a.status, a.dueOn, today) })),
  );
  const perParty = input.parties.map((party) => ({
    partyCode: party.code,
    ...tally(
      activities.flatMap((a) =>
        a.parts
          .filter((p) => p.partyCode === party.code)
          .map((p) => ({ status: p.status, overdue: isOverdue(p.status, a.dueOn, today) })),
      ),
    ),
  }));
  const overdueParts = activities
    .flatMap((a) =>
      a.parts
        .filter((p) => isOverdue(p.status, a.dueOn, today))
        .map((p) => ({
          activityTitle: a.title,
          partyCode: p.partyCode,
          dueOn: a.dueOn,
          daysLate: daysBetween(a.dueOn, today),
        })),
    )
    .sort((x, y) => y.daysLate - x.daysLate || byText(x.activityTitle, y.activityTitle));
  const silentParts = activities
    .flatMap((a) =>
      a.parts
        .filter((p) => !isClosedStatus(p.status))
        .map((p) => ({
          activityTitle: a.title,
          partyCode: p.partyCode,
          lastUpdateOn: p.lastUpdateOn,
          daysSilent: daysBetween(p.lastUpdateOn, today),
        }))
        .filter((p) => p.daysSilent >= input.silentAfterDays),
    )
    .sort((x, y) => y.daysSilent - x.daysSilent || byText(x.activityTitle, y.activityTitle));
  const changes = [...input.changes].sort(
    (x, y) =>
      byText(x.activityTitle, y.activityTitle) ||
      x.activityId.localeCompare(y.activityId) ||
      (x.partyCode ?? '').localeCompare(y.partyCode ?? '') ||
      FIELD_ORDER.indexOf(x.field) - FIELD_ORDER.indexOf(y.field),
  );
  return {
    agreement: input.agreement,
    plan: input.plan,
    parties: input.parties,
    meeting: input.meeting,
    previousMeeting: input.previousMeeting,
    generatedOn: input.today,
    silentAfterDays: input.silentAfterDays,
    completion: { overall, perParty },
    changes,
    overdueParts,
    silentParts,
    evidence: [...input.evidence].sort(
      (x, y) => x.receivedOn.localeCompare(y.receivedOn) || x.fileName.localeCompare(y.fileName),
    ),
    decisions: input.decisions,
  };
}

function tally(items: { status: ActivityStatus; overdue: boolean }[]): Tally {
  const required = items.filter((i) => i.status !== 'cancelled');
  const completed = required.filter((i) => i.status === 'completed').length;
  const total = required.length;
  return {
    completed,
    total,
    overdue: required.filter((i) => i.overdue).length,
    percent: total === 0 ? 0 : Math.round((100 * completed) / total),
  };
}

function byText(x: Words, y: Words): number {
  return x.original.localeCompare(y.original, 'fr');
}
