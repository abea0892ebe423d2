import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { MAX_RESULT_NUMBER } from './indicator.dto';
import { IsDecimalNumber } from '../result-numbers';

const DIMENSION_VALUE = /^[A-Za-z0-9][A-Za-z0-9_+-]{0,31}$/;

/** One cell of a disaggregated value; only the indicator's dimensions may appear. */
export class BreakdownItemDto {
  /** e.g. `female`, `male`. */
  @IsOmittable()
  @IsIn(['female', 'male', 'other', 'unknown'])
  @MaxLength(8)
  sex?: string;

  /** e.g. `0_17`, `18_59`, `60_plus`. */
  @IsOmittable()
  @Matches(DIMENSION_VALUE, { message: 'must be an age group such as 18_59' })
  @MaxLength(32)
  age_group?: string;

  /** A country code (`CI`) or `other`. */
  @IsOmittable()
  @Matches(DIMENSION_VALUE, { message: 'must be a country code such as CI' })
  @MaxLength(32)
  nationality?: string;

  @IsDecimalNumber(4)
  @Min(0)
  @Max(MAX_RESULT_NUMBER)
  value: number;
}

/**
 * One party's value for one indicator and period (created or replaced). `version` (the one you read)
 * makes the change conditional; `reason` is required once the period is validated.
 */
export class PutResultValueDto {
  @IsUUID('all')
  @MaxLength(36)
  indicatorId: string;

  /** A reporting period of the plan, at its frequency: `2025-H1` or `2025-Q3`. */
  @Matches(/^[0-9]{4}-(H[12]|Q[1-4])$/, { message: 'must be a reporting period such as 2025-H1' })
  @MaxLength(7)
  period: string;

  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode: string;

  /** A number ≥ 0; a percentage 0–100; yes/no 1 or 0. Four decimals at most. */
  @IsDecimalNumber(4)
  @Min(0)
  @Max(MAX_RESULT_NUMBER)
  value: number;

  /** Along the indicator's disaggregations, adding up to `value`; `[]` or left out for none. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BreakdownItemDto)
  breakdown?: BreakdownItemDto[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  /** Why a value of a validated period changes (required then; kept in its history). */
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  /** The version you read: 0 when the value was not reported yet. */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  version?: number;
}

/** Reopening a validated period says why (kept in the plan's history). */
export class ReopenPeriodQuery {
  @IsString()
  @MaxLength(2000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;
}
