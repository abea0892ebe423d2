import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, Max, Min } from 'class-validator';

/** Reporting-due reminders: lead times before a results report is due, overdue rhythm, grace. */
export class ResultsReportingRulesDto {
  /** Days before the report's due date, each 0–180, distinct; [] for none. */
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(180, { each: true })
  daysBefore: number[];

  /** An overdue report is reminded the day after its due date, then every this many days (1–365). */
  @IsInt()
  @Min(1)
  @Max(365)
  overdueEveryDays: number;

  /** The report is due this many days (0–365) after the reporting period's last day. */
  @IsInt()
  @Min(0)
  @Max(365)
  graceDays: number;
}
