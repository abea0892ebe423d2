import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsOmittable,
  PARTY_CODE_PATTERN,
} from '../../common/validation/validators';
import { MEETING_STATUSES, type MeetingStatus } from '../committee-meeting.entity';

/** Someone at the meeting. */
export class ParticipantDto {
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'must not be blank' })
  name: string;

  /** The party they represent, when they represent one (a party code such as MA). */
  @IsOmittable()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode?: string;

  /** e.g. "co-chair", "secretariat". */
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  role?: string;
}

/** A decision's text in one language; null or '' removes it. */
export class DecisionTextDto {
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  text?: string | null;
}

/** A decision's text in other languages than the original (only fr, en, ar). */
export class DecisionTranslationsDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionTextDto)
  fr?: DecisionTextDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionTextDto)
  en?: DecisionTextDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DecisionTextDto)
  ar?: DecisionTextDto | null;
}

export class CreateDecisionDto {
  @IsString()
  @Length(1, 10000)
  @Matches(/\S/, { message: 'must not be blank' })
  text: string;

  /** `{ ar: { text } }`: the decision in other languages. */
  @IsOptional()
  @IsObject({ message: 'must be an object keyed by language (fr, en, ar)' })
  @ValidateNested()
  @Type(() => DecisionTranslationsDto)
  translations?: DecisionTranslationsDto | null;
}

export class UpdateDecisionDto {
  @IsOmittable()
  @IsString()
  @Length(1, 10000)
  @Matches(/\S/, { message: 'must not be blank' })
  text?: string;

  /** Languages left out are kept; a language set to null is removed; null removes them all. */
  @IsOptional()
  @IsObject({ message: 'must be an object keyed by language (fr, en, ar)' })
  @ValidateNested()
  @Type(() => DecisionTranslationsDto)
  translations?: DecisionTranslationsDto | null;
}

export class CreateMeetingDto {
  /** The meeting's date. A planned meeting is dated today or later; a held one today or earlier. */
  @IsCalendarDate()
  @MaxLength(10)
  heldOn: string;

  @IsOmittable()
  @IsString()
  @MaxLength(300)
  place?: string;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  /** `planned` (default) or `held`: a meeting created as held has its baseline taken at once. */
  @IsOmittable()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CreateDecisionDto)
  decisions?: CreateDecisionDto[];
}

/** Fields left out stay as they are. Decisions change through their own routes. */
export class UpdateMeetingDto {
  /** The meeting's version you read; here or as `If-Match`. Stale → 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;

  @IsOmittable()
  @IsCalendarDate()
  @MaxLength(10)
  heldOn?: string;

  /** null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  place?: string | null;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  /** `held` takes the baseline in the same transaction; a held meeting stays held. */
  @IsOmittable()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;
}

export class DeleteMeetingQuery {
  /** The version you read, when `If-Match` cannot be sent; one of the two is required. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}
