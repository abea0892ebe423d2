import { TranslationsDto, translationsProperty } from '../../common/i18n/translations.dto';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  IsCalendarDate,
  IsOmittable,
  PARTY_CODE_PATTERN,
} from '../../common/validation/validators';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../activity-rules';
import { ACTIVITY_TYPES, type ActivityType } from '../activity.entity';

export const THEME_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

export class CreateActivityDto {
  @IsString()
  @Length(1, 500)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  /** Title (and description) in other languages: `{ en: { title }, ar: { title } }`. */
  @translationsProperty()
  translations?: TranslationsDto | null;

  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  /** e.g. `data_collection`, `victim_support`, `referral_mechanisms`, `standard_procedures`. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(THEME_PATTERN, { each: true, message: 'each must be a snake_case theme' })
  @MaxLength(64, { each: true })
  themes?: string[];

  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  leadPartyCode: string;

  /** Parties taking part; always includes the lead party. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(PARTY_CODE_PATTERN, { each: true, message: 'each must be a party code such as MA' })
  @MaxLength(16, { each: true })
  partyCodes?: string[];

  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  plannedStartOn?: string;

  @IsCalendarDate()
  @MaxLength(10)
  dueOn: string;

  @IsOmittable()
  @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  completedOn?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string;
}
