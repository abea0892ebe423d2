import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { RULE_KINDS } from '../../notifications/notification-kinds';

export class CreateWebhookDto {
  /** http(s) URL; refused if it resolves to a loopback, private, link-local or metadata address. */
  @IsString()
  @MaxLength(2048)
  url: string;

  /** Rule kinds to receive: activity_due, activity_overdue, agreement_expiry, plan_expiry, notice_deadline. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(RULE_KINDS.filter((k) => k !== 'weekly_digest'), { each: true })
  @ArrayMaxSize(20) // distinct rule kinds: there are fewer; a literal for the swagger plugin
  events: string[];

  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}
