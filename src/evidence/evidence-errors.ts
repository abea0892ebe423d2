import { Conflict, DomainError, type FieldError } from '../common/errors/domain-errors';
import type { EvidenceKind } from './evidence-kinds';

/** Problem `code` of a completion refused for missing evidence (409). */
export const EVIDENCE_MISSING = 'evidence_missing';

/**
 * A part may not be marked completed while evidence its activity type requires is missing: 409 with
 * `code: evidence_missing`, `partyCode` and `missingKinds`, so the page can point at its checklist.
 */
export class EvidenceMissing extends Conflict {
  readonly errors: FieldError[];

  constructor(
    readonly partyCode: string,
    readonly missingKinds: EvidenceKind[],
  ) {
    const list = missingKinds.join(', ');
    super(
      `${partyCode}'s part cannot be marked completed yet: the evidence this type of activity requires is missing (${list}). Upload it (POST /api/activities/{id}/evidence), then complete the part.`,
      'Evidence missing',
      { code: EVIDENCE_MISSING, partyCode, missingKinds },
    );
    this.errors = [
      { field: 'status', message: `evidence missing: ${list}`, code: EVIDENCE_MISSING },
    ];
  }
}

/** Problem `code` (in `errors[]`) of a file over EVIDENCE_MAX_BYTES (413). */
export const EVIDENCE_TOO_LARGE = 'evidence_too_large';

/** An evidence file over the limit: 413 naming the limit; nothing is stored. */
export class EvidenceTooLarge extends DomainError {
  readonly kind = 'too_large';
  readonly errors: FieldError[];

  constructor(readonly maxBytes: number) {
    const limit = describeBytes(maxBytes);
    super(
      `The file is larger than ${limit}, the most an evidence upload takes (EVIDENCE_MAX_BYTES). Nothing was stored.`,
      'File too large',
    );
    this.errors = [{ field: 'file', message: `is larger than ${limit}`, code: EVIDENCE_TOO_LARGE }];
  }
}

/** "25 MB (26,214,400 bytes)". */
export function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const shown = Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
  return `${shown} MB (${bytes.toLocaleString('en-US')} bytes)`;
}
