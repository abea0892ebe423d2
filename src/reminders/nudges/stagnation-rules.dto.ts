import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';

/** Stagnation nudge settings: lead times before the next committee meeting, silence threshold. */
export class StagnationRulesDto {
  /** Days before the next meeting when focal points are nudged, each 1–180, distinct; [] for none. */
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(180, { each: true })
  daysBeforeMeeting: number[];

  /** An open part with no update for this many days (1–365) is silent. */
  @IsInt()
  @Min(1)
  @Max(365)
  silentAfterDays: number;
}
