import type { Actor } from './actor';

/** Which agreements (and so which plans and activities) a caller may read. */
export type AgreementScope =
  | { kind: 'all' }
  | { kind: 'party'; partyCode: string }
  | { kind: 'agreements'; agreementIds: string[] };

export function agreementScope(actor: Actor): AgreementScope {
  switch (actor.role) {
    case 'admin':
    case 'programme_manager':
      return { kind: 'all' };
    case 'focal_point':
      // A focal point without a party sees nothing; the schema forbids it, this is defence in depth.
      return actor.partyCode
        ? { kind: 'party', partyCode: actor.partyCode }
        : { kind: 'agreements', agreementIds: [] };
    case 'observer':
      return { kind: 'agreements', agreementIds: actor.observedAgreementIds };
  }
}

export function canSeeAgreement(
  actor: Actor,
  agreement: { id: string; partyCodes: string[] },
): boolean {
  const scope = agreementScope(actor);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'party':
      return agreement.partyCodes.includes(scope.partyCode);
    case 'agreements':
      return scope.agreementIds.includes(agreement.id);
  }
}

/** Create and edit agreements, plans, activities and reminder rules. */
export function canManageProgramme(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'programme_manager';
}

export function canManageUsers(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** Fields a focal point may change on an activity its party leads or takes part in. */
export const FOCAL_POINT_ACTIVITY_FIELDS = ['status', 'progressPercent', 'notes'] as const;

export type ActivityEditRight = 'all_fields' | 'status_fields' | 'none';

/**
 * What the caller may change on an activity it can already see: managers everything, a focal point of a
 * party on the activity only status, progress and notes, everyone else nothing.
 */
export function activityEditRight(
  actor: Actor,
  activity: { leadPartyCode: string; partyCodes: string[] },
): ActivityEditRight {
  if (canManageProgramme(actor)) return 'all_fields';
  if (
    actor.role === 'focal_point' &&
    actor.partyCode !== null &&
    (activity.leadPartyCode === actor.partyCode || activity.partyCodes.includes(actor.partyCode))
  ) {
    return 'status_fields';
  }
  return 'none';
}

/**
 * One party's part of an activity the caller can see: that party's focal point, programme managers and
 * admins change it; a focal point of another party (and an observer) only reads it.
 */
export function canEditPart(actor: Actor, partyCode: string): boolean {
  if (canManageProgramme(actor)) return true;
  return actor.role === 'focal_point' && actor.partyCode === partyCode;
}

/**
 * Evidence on an activity the caller can see: of one party's part (`partyCode`) by that party's focal
 * point; of the activity as a whole (`partyCode` null) by a focal point of any party on it; and by
 * programme managers and admins. Observers upload nothing.
 */
export function canUploadEvidence(
  actor: Actor,
  activity: { leadPartyCode: string; partyCodes: string[] },
  partyCode: string | null,
): boolean {
  if (canManageProgramme(actor)) return true;
  if (partyCode !== null) return canEditPart(actor, partyCode);
  return activityEditRight(actor, activity) !== 'none';
}

/** Evidence is removed by whoever uploaded it, or by a programme manager or an admin. */
export function canDeleteEvidence(actor: Actor, uploadedBy: string | null): boolean {
  return canManageProgramme(actor) || (uploadedBy !== null && uploadedBy === actor.id);
}

/**
 * Record the joint committee's meetings (dates, participants, decisions, baselines): the programme's
 * managers, who run the secretariat. Focal points and observers read them with the plan.
 */
export function canRecordMeetings(actor: Actor): boolean {
  return canManageProgramme(actor);
}

/**
 * A plan's results framework (objectives, indicators, targets) and the validation of its reporting
 * periods: the programme's managers. Focal points and observers read it with the plan.
 */
export function canDefineResults(actor: Actor): boolean {
  return canManageProgramme(actor);
}

/**
 * Actual values of one party (and their evidence): that party's focal point, programme managers and
 * admins. A focal point of another party and an observer read them.
 */
export function canReportResults(actor: Actor, partyCode: string): boolean {
  if (canManageProgramme(actor)) return true;
  return actor.role === 'focal_point' && actor.partyCode === partyCode;
}

/**
 * Money (budget lines and spending) of an activity the caller can see, `partyCode` being the part the
 * money belongs to (null: the activity as a whole): programme managers and admins record any; a focal
 * point records its own party's part of an activity its party takes part in (what its country planned
 * and spent), never another party's nor the activity's whole budget; observers only read.
 */
export function canRecordMoney(
  actor: Actor,
  activity: { leadPartyCode: string; partyCodes: string[] },
  partyCode: string | null,
): boolean {
  if (canManageProgramme(actor)) return true;
  if (partyCode === null || !canEditPart(actor, partyCode)) return false;
  return activity.leadPartyCode === partyCode || activity.partyCodes.includes(partyCode);
}

/**
 * Who records a party's notification that its internal procedures are complete: the managers for any
 * party, a focal point for its own party only (it is that state's act). Amendments and denunciations
 * stay with the managers (canManageProgramme).
 */
export function canRecordPartyNotification(actor: Actor, partyCode: string): boolean {
  if (canManageProgramme(actor)) return true;
  return actor.role === 'focal_point' && actor.partyCode === partyCode;
}
