import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, PARTY_CODE_PATTERN } from '../../../common/validation/validators';

/** A party's notification that its internal procedures are complete (of the agreement or an amendment). */
export class RecordNotificationDto {
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode: string;

  /** The day the notification was received; not before the signature, not after today. */
  @IsCalendarDate()
  @MaxLength(10)
  notifiedOn: string;

  /** For an amendment's own notifications; absent for the agreement's. */
  @IsOptional()
  @IsUUID('all')
  @MaxLength(36)
  amendmentId?: string;

  /** The note verbale's number, for instance. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
