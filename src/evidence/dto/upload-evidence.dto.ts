import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { EVIDENCE_KINDS, type EvidenceKind } from '../evidence-kinds';

/** The text fields of an evidence upload (multipart); the file itself is the `file` part. */
export class UploadEvidenceDto {
  @IsIn(EVIDENCE_KINDS)
  @MaxLength(32)
  kind: EvidenceKind;

  /** The party whose part this proves; left out for evidence of the activity as a whole. */
  @IsOptional()
  @MaxLength(16)
  @Matches(/^[A-Z][A-Z0-9]{1,15}$/, { message: 'must be a party code such as MA' })
  partyCode?: string;
}
