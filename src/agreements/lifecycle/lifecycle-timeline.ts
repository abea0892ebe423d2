import { CalendarDate, compareDates } from '../../common/time/calendar-date';
import type { AgreementView } from '../agreement-view';

export const TIMELINE_KINDS = [
  'signature',
  'provisional_application',
  'notification',
  'entry_into_force',
  'amendment_signed',
  'amendment_notification',
  'amendment_in_force',
  'renewal',
  'non_renewal_notice',
  'denunciation_notified',
  'denunciation_withdrawn',
  'denunciation_effective',
  'expiry',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  on: CalendarDate;
  kind: TimelineKind;
  /** The notifying or denouncing party. */
  partyCode?: string;
  amendmentId?: string;
  /** The amendment's title, a notification's reference. */
  label?: string;
  /** After today: what the records say will happen (entry into force, effect, expiry). */
  upcoming: boolean;
}

export interface TimelineInput {
  view: Pick<AgreementView, 'signedOn' | 'expiresOn' | 'lifecycle'>;
  records: {
    notifications: readonly {
      partyCode: string;
      notifiedOn: CalendarDate;
      amendmentId: string | null;
      reference: string | null;
    }[];
    amendments: readonly { id: string; title: string; signedOn: CalendarDate }[];
    denunciations: readonly {
      partyCode: string;
      notifiedOn: CalendarDate;
      takesEffectOn: CalendarDate;
      withdrawnOn: CalendarDate | null;
    }[];
  };
  amendmentEntryIntoForceOn: ReadonlyMap<string, CalendarDate | null>;
  renewals: readonly { decidedOn: CalendarDate; decision: 'renew' | 'not_renew' }[];
  today: CalendarDate;
}

/**
 * The agreement's life in date order: what happened and what the records say will happen. Events of
 * one day keep the order of TIMELINE_KINDS (a signature before the provisional application it starts).
 */
export function lifecycleTimeline(input: TimelineInput): TimelineEvent[] {
  const { view, records, today } = input;
  const lifecycle = view.lifecycle;
  const events: Omit<TimelineEvent, 'upcoming'>[] = [{ on: view.signedOn, kind: 'signature' }];
  if (lifecycle?.provisionalApplication) {
    events.push({ on: view.signedOn, kind: 'provisional_application' });
  }
  for (const n of records.notifications) {
    events.push({
      on: n.notifiedOn,
      kind: n.amendmentId === null ? 'notification' : 'amendment_notification',
      partyCode: n.partyCode,
      ...(n.amendmentId !== null && { amendmentId: n.amendmentId }),
      ...(n.reference !== null && { label: n.reference }),
    });
  }
  if (lifecycle?.entryIntoForceOn)
    events.push({ on: lifecycle.entryIntoForceOn, kind: 'entry_into_force' });
  for (const a of records.amendments) {
    events.push({ on: a.signedOn, kind: 'amendment_signed', amendmentId: a.id, label: a.title });
    const inForceOn = input.amendmentEntryIntoForceOn.get(a.id);
    if (inForceOn)
      events.push({ on: inForceOn, kind: 'amendment_in_force', amendmentId: a.id, label: a.title });
  }
  for (const r of input.renewals) {
    events.push({
      on: r.decidedOn,
      kind: r.decision === 'renew' ? 'renewal' : 'non_renewal_notice',
    });
  }
  for (const d of records.denunciations) {
    events.push({ on: d.notifiedOn, kind: 'denunciation_notified', partyCode: d.partyCode });
    if (d.withdrawnOn !== null) {
      events.push({ on: d.withdrawnOn, kind: 'denunciation_withdrawn', partyCode: d.partyCode });
    }
  }
  const standing = lifecycle?.denunciation ?? null;
  if (standing) {
    events.push({
      on: standing.takesEffectOn,
      kind: 'denunciation_effective',
      partyCode: standing.partyCode,
    });
  } else if (lifecycle?.entryIntoForceOn !== null || lifecycle?.provisionalApplication) {
    // The term's last day, when nothing ends the agreement sooner and it applies at all.
    events.push({ on: view.expiresOn, kind: 'expiry' });
  }
  const order = (k: TimelineKind) => TIMELINE_KINDS.indexOf(k);
  return events
    .map((e) => ({ ...e, upcoming: compareDates(e.on, today) > 0 }))
    .sort((a, b) => compareDates(a.on, b.on) || order(a.kind) - order(b.kind));
}
