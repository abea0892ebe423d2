import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ENTRY_INTO_FORCE_BASES, type EntryIntoForceBasis } from '../../agreement.entity';

/**
 * The final clause on entry into force: `signature`; `days_after_last_notification` with `count` days
 * (0 = on the last notification); `first_day_of_month_after_last_notification` with `count` months
 * (1 = the following month); `typed` = a date the text states (`entryIntoForceOn`).
 */
export class EntryIntoForceClauseDto {
  @IsIn(ENTRY_INTO_FORCE_BASES)
  basis: EntryIntoForceBasis;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  count?: number;
}
