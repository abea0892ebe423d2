import { PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TranslationsDto, translationsProperty } from '../../common/i18n/translations.dto';
import {
  IsCalendarDate,
  IsOmittable,
  PARTY_CODE_PATTERN,
} from '../../common/validation/validators';
import {
  DISAGGREGATIONS,
  type Disaggregation,
  RESULT_MEASURES,
  type ResultMeasure,
} from '../result-rules';
import { RESULT_CODE_PATTERN } from './objective.dto';
import { IsDecimalNumber } from '../result-numbers';

/** The largest value or target the API takes: numeric(18, 4) holds 14 integer digits. */
export const MAX_RESULT_NUMBER = 1e12;

export class CreateIndicatorDto {
  /** The objective it measures, of the same plan. */
  @IsUUID('all')
  @MaxLength(36)
  objectiveId: string;

  /** Unique within the plan, e.g. `IND-1.1`. */
  @Matches(RESULT_CODE_PATTERN, { message: 'must be a short code such as IND-1.1' })
  @MaxLength(32)
  code: string;

  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  /** The title in other languages: `{ fr: { title }, en: { title }, ar: { title } }`. */
  @translationsProperty()
  translations?: TranslationsDto | null;

  /** What a value counts (`persons trained`); may stay empty for percentages and yes/no. */
  @IsOmittable()
  @IsString()
  @MaxLength(64)
  unit?: string;

  /** `number` (values add up), `percentage` (0–100) or `yes_no` (1 or 0). */
  @IsIn(RESULT_MEASURES)
  @MaxLength(16)
  measure: ResultMeasure;

  @IsOptional()
  @IsDecimalNumber(4)
  @Min(0)
  @Max(MAX_RESULT_NUMBER)
  baselineValue?: number | null;

  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  baselineOn?: string | null;

  /** The party that reports it first of all (one of the plan's), or null. */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  responsiblePartyCode?: string | null;

  /** The dimensions its values may be broken down by (number indicators only). */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(DISAGGREGATIONS, { each: true })
  @MaxLength(16, { each: true })
  disaggregations?: Disaggregation[];

  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number;

  /** The plan's activities that serve it (replaces the list on an update). */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  activityIds?: string[];
}

export class UpdateIndicatorDto extends PartialType(CreateIndicatorDto, {
  skipNullProperties: false,
}) {
  /** When given, the change applies only if the indicator is still at this version (else 409). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}
