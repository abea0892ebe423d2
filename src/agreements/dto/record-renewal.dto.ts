import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/validators';
import { RENEWAL_DECISIONS, type RenewalDecision } from '../agreement-renewal.entity';

export class RecordRenewalDto {
  /**
   * The agreement's `version` as you read it. A renewal is not repeatable by nature (each one adds a
   * term), so a stale version answers 409 instead of extending the term a second time.
   */
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version: number;

  /** `renew` extends the term; `not_renew` records a notice of non-renewal. */
  @IsIn(RENEWAL_DECISIONS)
  decision: RenewalDecision;

  /** Day the decision was taken or the notice given; defaults to today. */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  decidedOn?: string;

  /** Months added by this renewal; defaults to the agreement's renewal term. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1200)
  termMonths?: number;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}
