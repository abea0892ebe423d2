import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_RESULT_NUMBER } from './indicator.dto';
import { IsDecimalNumber } from '../result-numbers';

export class TargetDto {
  /** A year of the plan (`2025`) or a reporting period overlapping it (`2025-H1`, `2025-Q3`). */
  @Matches(/^[0-9]{4}(-H[12]|-Q[1-4])?$/, {
    message: 'must be a year (2025) or a period (2025-H1)',
  })
  @MaxLength(7)
  period: string;

  @IsDecimalNumber(4)
  @Min(0)
  @Max(MAX_RESULT_NUMBER)
  targetValue: number;
}

/** The indicator's whole set of targets: what is left out is removed. */
export class PutTargetsDto {
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => TargetDto)
  targets: TargetDto[];
}
