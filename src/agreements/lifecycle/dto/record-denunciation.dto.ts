import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, PARTY_CODE_PATTERN } from '../../../common/validation/validators';

/** A party's denunciation; it takes effect after the agreement's notice period (12 months by default). */
export class RecordDenunciationDto {
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode: string;

  /** The day the other parties received it; not before the agreement applies, not after today. */
  @IsCalendarDate()
  @MaxLength(10)
  notifiedOn: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
