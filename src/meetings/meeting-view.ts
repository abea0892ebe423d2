import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';
import type { CommitteeMeeting, MeetingStatus, Participant } from './committee-meeting.entity';
import type { DecisionTranslations } from './decision-text';

/** What became of a decision: the activity it became, as it stands now, with each party's part. */
export interface LinkedActivity {
  id: string;
  title: string;
  translations: Translations;
  status: string;
  progressPercent: number;
  dueOn: CalendarDate;
  completedOn: CalendarDate | null;
  parts: { partyCode: string; status: string; progressPercent: number }[];
}

export interface DecisionView {
  id: string;
  text: string;
  translations: DecisionTranslations;
  position: number;
  activity: LinkedActivity | null;
}

export interface MeetingView {
  id: string;
  planId: string;
  heldOn: CalendarDate;
  place: string | null;
  participants: Participant[];
  status: MeetingStatus;
  baselineTakenAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  decisions: DecisionView[];
}

export function toMeetingView(meeting: CommitteeMeeting, decisions: DecisionView[]): MeetingView {
  return {
    id: meeting.id,
    planId: meeting.planId,
    heldOn: meeting.heldOn,
    place: meeting.place,
    participants: meeting.participants,
    status: meeting.status,
    baselineTakenAt: meeting.baselineTakenAt?.toISOString() ?? null,
    version: meeting.version,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
    decisions,
  };
}
