import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';
import type { Achievement } from './achievement';
import type { PeriodKey } from './reporting-periods';
import type { ResultIndicator } from './result-indicator.entity';
import type { ResultObjective } from './result-objective.entity';
import type { Disaggregation, ReportingFrequency, ResultMeasure } from './result-rules';
import type { ResultValueEvidence } from './result-value-evidence.entity';
import type { ResultValueHistory } from './result-value-history.entity';
import type { ResultValue } from './result-value.entity';
import type { BreakdownItem } from './value-rules';

/** A user as the results views name them. */
export type UserRef = { id: string; name: string | null } | null;

const userRef = (id: string | null, names: ReadonlyMap<string, string>): UserRef =>
  id ? { id, name: names.get(id) ?? null } : null;

export interface ObjectiveView {
  id: string;
  code: string;
  theme: string | null;
  title: string;
  translations: Translations;
  position: number;
  version: number;
}

export function toObjectiveView(o: ResultObjective): ObjectiveView {
  return {
    id: o.id,
    code: o.code,
    theme: o.theme,
    title: o.title,
    translations: o.translations ?? {},
    position: o.position,
    version: o.version,
  };
}

export interface TargetView {
  period: string;
  targetValue: number;
}

export interface IndicatorView {
  id: string;
  objectiveId: string;
  code: string;
  title: string;
  translations: Translations;
  unit: string;
  measure: ResultMeasure;
  baselineValue: number | null;
  baselineOn: CalendarDate | null;
  responsiblePartyCode: string | null;
  disaggregations: Disaggregation[];
  position: number;
  version: number;
  activityIds: string[];
  /** Years and periods, in order. */
  targets: TargetView[];
}

export function toIndicatorView(
  i: ResultIndicator,
  activityIds: string[],
  targets: TargetView[],
): IndicatorView {
  return {
    id: i.id,
    objectiveId: i.objectiveId,
    code: i.code,
    title: i.title,
    translations: i.translations ?? {},
    unit: i.unit,
    measure: i.measure,
    baselineValue: i.baselineValue,
    baselineOn: i.baselineOn,
    responsiblePartyCode: i.responsiblePartyCode,
    disaggregations: i.disaggregations,
    position: i.position,
    version: i.version,
    activityIds,
    targets,
  };
}

/** An indicator in the framework view, with how far it got. */
export interface IndicatorProgressView extends IndicatorView {
  achievement: {
    /** For the year asked (the plan's current year by default). */
    year: Achievement;
    /** For each of its targets (years and periods), in order. */
    byTarget: Achievement[];
  };
}

export interface EvidenceFileView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: UserRef;
}

export function toEvidenceFileView(
  e: ResultValueEvidence,
  names: ReadonlyMap<string, string>,
): EvidenceFileView {
  return {
    id: e.id,
    fileName: e.fileName,
    mediaType: e.mediaType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedAt: e.uploadedAt,
    uploadedBy: userRef(e.uploadedBy, names),
  };
}

export interface ResultValueView {
  id: string;
  indicatorId: string;
  period: PeriodKey;
  partyCode: string;
  value: number;
  breakdown: BreakdownItem[];
  note: string | null;
  version: number;
  reportedAt: Date;
  reportedBy: UserRef;
  /** Whether its period is validated (a change then needs a reason). */
  locked: boolean;
  evidence: EvidenceFileView[];
}

export function toResultValueView(
  v: ResultValue,
  names: ReadonlyMap<string, string>,
  locked: boolean,
  evidence: EvidenceFileView[],
): ResultValueView {
  return {
    id: v.id,
    indicatorId: v.indicatorId,
    period: v.period,
    partyCode: v.partyCode,
    value: v.value,
    breakdown: v.breakdown,
    note: v.note,
    version: v.version,
    reportedAt: v.reportedAt,
    reportedBy: userRef(v.reportedBy, names),
    locked,
    evidence,
  };
}

export interface ValueHistoryView {
  at: Date;
  actor: UserRef;
  actorEmail: string | null;
  fromValue: number | null;
  toValue: number;
  fromBreakdown: BreakdownItem[] | null;
  toBreakdown: BreakdownItem[];
  fromNote: string | null;
  toNote: string | null;
  reason: string | null;
  periodValidated: boolean;
}

export function toValueHistoryView(
  h: ResultValueHistory,
  names: ReadonlyMap<string, string>,
): ValueHistoryView {
  return {
    at: h.at,
    actor: userRef(h.actorId, names),
    actorEmail: h.actorEmail,
    fromValue: h.fromValue,
    toValue: h.toValue,
    fromBreakdown: h.fromBreakdown,
    toBreakdown: h.toBreakdown,
    fromNote: h.fromNote,
    toNote: h.toNote,
    reason: h.reason,
    periodValidated: h.periodValidated,
  };
}

export interface PeriodView {
  period: PeriodKey;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  /** When its report is due: the reporting reminders' grace days after its end (30 by default). */
  reportDueOn: CalendarDate;
  validation: { validatedAt: Date; validatedBy: UserRef } | null;
}

/** GET /api/action-plans/:id/results. */
export interface ResultsFrameworkView {
  planId: string;
  reportingFrequency: ReportingFrequency;
  /** The year achievements are reckoned for (`?year=`, else the plan's current year). */
  year: string;
  /** The plan's reporting period today (null outside its term). */
  currentPeriod: PeriodKey | null;
  periods: PeriodView[];
  objectives: ObjectiveView[];
  indicators: IndicatorProgressView[];
  values: ResultValueView[];
  /** The plan's achievement for `year` (achievement.ts), as the portfolio shows it. */
  achievement: { year: string; indicatorCount: number; percent: number | null };
}
