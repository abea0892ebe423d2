import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/validators';
import { RENEWAL_MODES, type RenewalMode } from '../../agreement.entity';
import { AMENDMENT_STATUSES, type AmendmentStatus } from '../agreement-amendment.entity';
import { EntryIntoForceClauseDto } from './entry-into-force-clause.dto';

/** The terms an amendment changes from its entry into force; a term left out is unchanged. */
export class AmendmentChangesDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1200)
  durationMonths?: number;

  @IsOptional()
  @IsIn(RENEWAL_MODES)
  renewalMode?: RenewalMode;

  /** null: renewals run for the initial duration again. */
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(1)
  @Max(1200)
  renewalTermMonths?: number | null;

  /** null: no notice period. */
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt()
  @Min(0)
  @Max(3650)
  noticeDays?: number | null;
}

export class CreateAmendmentDto {
  @IsString()
  @Length(1, 500)
  title: string;

  /** Not before the agreement's signature. */
  @IsCalendarDate()
  @MaxLength(10)
  signedOn: string;

  /** The amendment's own clause; `typed` when it states its date (then `entryIntoForceOn`). */
  @IsObject({ message: 'must be an object with a basis' })
  @ValidateNested()
  @Type(() => EntryIntoForceClauseDto)
  entryIntoForce: EntryIntoForceClauseDto;

  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  entryIntoForceOn?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmendmentChangesDto)
  changes?: AmendmentChangesDto;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class UpdateAmendmentDto {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;

  /** For a `typed` amendment only. */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  entryIntoForceOn?: string;

  /** Replaces the changes as a whole. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmendmentChangesDto)
  changes?: AmendmentChangesDto;

  /** `abandoned`: it will never enter into force. */
  @IsOptional()
  @IsIn(AMENDMENT_STATUSES)
  status?: AmendmentStatus;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
