import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, MaxLength, ValidateNested } from 'class-validator';
import { ACTIVITY_TYPES, type ActivityType } from '../../activities/activity.entity';
import { EVIDENCE_KINDS, type EvidenceKind } from '../evidence-kinds';

export class TypeRequirementDto {
  @IsIn(ACTIVITY_TYPES)
  @MaxLength(32)
  activityType: ActivityType;

  /** The kinds of evidence each party's part of such an activity needs before it is completed. */
  @IsArray()
  @ArrayMaxSize(EVIDENCE_KINDS.length)
  @IsIn(EVIDENCE_KINDS, { each: true })
  @MaxLength(32, { each: true })
  kinds: EvidenceKind[];
}

/** The whole set: a type left out requires nothing. */
export class PutEvidenceRequirementsDto {
  @IsArray()
  @ArrayMaxSize(ACTIVITY_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => TypeRequirementDto)
  items: TypeRequirementDto[];
}
