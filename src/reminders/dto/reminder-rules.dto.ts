import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  Max,
  Min,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { StagnationRulesDto } from '../nudges/stagnation-rules.dto';
import { ResultsReportingRulesDto } from '../results-due/results-reporting-rules.dto';

class LeadTimesDto {
  /** Days before the date, each 0–3650, distinct. */
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(3650, { each: true })
  daysBefore: number[];
}

class OverdueDto {
  @IsInt()
  @Min(1)
  @Max(365)
  everyDays: number;
}

class EscalationDto {
  @IsInt()
  @Min(0)
  @Max(3650)
  afterDaysOverdue: number;
}

class NotificationMissingDto {
  /** Days after signature, each 1–3650, distinct. */
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(3650, { each: true })
  daysAfterSignature: number[];

  /** Then every N days after the last listed day. */
  @IsInt()
  @Min(1)
  @Max(365)
  everyDays: number;
}

/** The whole rule set; PUT replaces it. */
export class ReminderRulesDto {
  @IsObject()
  @ValidateNested()
  @Type(() => LeadTimesDto)
  activityDue: LeadTimesDto;

  @IsObject()
  @ValidateNested()
  @Type(() => OverdueDto)
  activityOverdue: OverdueDto;

  @IsObject()
  @ValidateNested()
  @Type(() => EscalationDto)
  escalation: EscalationDto;

  @IsObject()
  @ValidateNested()
  @Type(() => LeadTimesDto)
  agreementExpiry: LeadTimesDto;

  @IsObject()
  @ValidateNested()
  @Type(() => LeadTimesDto)
  planExpiry: LeadTimesDto;

  @IsObject()
  @ValidateNested()
  @Type(() => LeadTimesDto)
  noticeDeadline: LeadTimesDto;

  /** Stagnation nudges before committee meetings; when absent, the ones in force are kept. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StagnationRulesDto)
  stagnation?: StagnationRulesDto;

  /** A party's notification of entry into force still missing; when absent, kept as is. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NotificationMissingDto)
  notificationMissing?: NotificationMissingDto;

  /** Days before a denunciation takes effect; when absent, kept as is. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LeadTimesDto)
  denunciationEffect?: LeadTimesDto;
  /** Reporting-due reminders for plans' results; when absent, the ones in force are kept. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResultsReportingRulesDto)
  resultsReporting?: ResultsReportingRulesDto;
}
