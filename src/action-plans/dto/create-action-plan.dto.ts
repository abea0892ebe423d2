import { TranslationsDto, translationsProperty } from '../../common/i18n/translations.dto';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
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
  IsTimeZone,
  PARTY_CODE_PATTERN,
} from '../../common/validation/validators';
import { REPORTING_FREQUENCIES, type ReportingFrequency } from '../../results/result-rules';

export class CreateActionPlanDto {
  @IsString()
  @Length(1, 500)
  title: string;

  /** Title (and description) in other languages: `{ en: { title }, ar: { title } }`. */
  @translationsProperty()
  translations?: TranslationsDto | null;

  @IsCalendarDate()
  @MaxLength(10)
  startsOn: string;

  /** The plan's term; `endsOn` is computed from it like an agreement's expiry. */
  @IsInt()
  @Min(1)
  @Max(1200)
  durationMonths: number;

  @IsOmittable()
  @IsBoolean()
  renewable?: boolean;

  /** Defaults to the agreement's parties. */
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(PARTY_CODE_PATTERN, { each: true, message: 'each must be a party code such as MA' })
  @MaxLength(16, { each: true })
  partyCodes?: string[];

  /** Zone in which "today" and "overdue" are reckoned; defaults to the agreement's. */
  @IsOmittable()
  @IsTimeZone()
  @MaxLength(64) // the longest IANA name is 32
  timeZone?: string;

  /** The two languages, in order, its committee packs are printed in (default `["fr", "en"]`). */
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(['fr', 'en', 'ar'], { each: true })
  @MaxLength(2, { each: true })
  packLanguages?: string[];

  /** Results reporting periods: `half_year` (default) or `quarter`. */
  @IsOmittable()
  @IsIn(REPORTING_FREQUENCIES)
  @MaxLength(12)
  reportingFrequency?: ReportingFrequency;
}
