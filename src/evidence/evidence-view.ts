import type { ActivityEvidence } from './activity-evidence.entity';
import type { PartChecklist } from './evidence-checklist';
import type { EvidenceKind } from './evidence-kinds';

/** One piece of evidence as the API shows it. */
export interface EvidenceItemView {
  id: string;
  kind: EvidenceKind;
  partyCode: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: { id: string; name?: string } | null;
}

/** GET /api/activities/:id/evidence. */
export interface EvidenceListView {
  items: EvidenceItemView[];
  requirements: PartChecklist[];
  /** EVIDENCE_MAX_BYTES: the page refuses a larger file before sending it. */
  maxBytes: number;
}

export function toEvidenceView(
  row: ActivityEvidence,
  names: ReadonlyMap<string, string>,
): EvidenceItemView {
  return {
    id: row.id,
    kind: row.kind,
    partyCode: row.partyCode,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt,
    uploadedBy: row.uploadedBy ? { id: row.uploadedBy, name: names.get(row.uploadedBy) } : null,
  };
}
