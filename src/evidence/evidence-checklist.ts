import type { EvidenceKind } from './evidence-kinds';

/** What the checklist reads of a piece of evidence. */
export interface EvidenceItemKind {
  kind: EvidenceKind;
  /** null: activity-level evidence, which counts for every party's part. */
  partyCode: string | null;
}

/** A party's checklist: what its activity type requires, what is there, what is still missing. */
export interface PartChecklist {
  partyCode: string;
  required: EvidenceKind[];
  present: EvidenceKind[];
  missing: EvidenceKind[];
}

/**
 * The checklist of one party's part. Evidence counted for a part is that party's own items plus the
 * activity-level ones (a shared agenda of a joint workshop proves it for both countries); another
 * party's items never count (each country proves its own share). `present` lists the required kinds
 * that are there, in the order of `required`.
 */
export function partChecklist(
  partyCode: string,
  required: readonly EvidenceKind[],
  items: readonly EvidenceItemKind[],
): PartChecklist {
  const have = new Set(
    items.filter((i) => i.partyCode === null || i.partyCode === partyCode).map((i) => i.kind),
  );
  return {
    partyCode,
    required: [...required],
    present: required.filter((k) => have.has(k)),
    missing: required.filter((k) => !have.has(k)),
  };
}

/** The checklist of each party of an activity, in the order given (lead party first). */
export function activityChecklists(
  partyCodes: readonly string[],
  required: readonly EvidenceKind[],
  items: readonly EvidenceItemKind[],
): PartChecklist[] {
  return partyCodes.map((code) => partChecklist(code, required, items));
}
