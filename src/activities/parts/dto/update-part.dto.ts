import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, IsOmittable } from '../../../common/validation/validators';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../activity-rules';

/** A change to one party's part. Fields left out stay as they are. */
export class UpdatePartDto {
  /** The part's version you read (not the activity's); here or as `If-Match`. Stale → 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;

  @IsOmittable()
  @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;

  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent?: number;

  /** What this party did or still owes; null clears it. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  note?: string | null;

  /** Only on a completed part; defaults to today in the plan's time zone when completing. */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  completedOn?: string;

  /** Why the change was made; kept on the history rows, not on the part. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
