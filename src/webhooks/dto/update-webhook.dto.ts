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
import { IsOmittable } from '../../common/validation/validators';
import { RULE_KINDS } from '../../notifications/notification-kinds';

/** Change where a subscription points or what it receives; the signing secret stays the same. */
export class UpdateWebhookDto {
  /** http(s) URL; refused if it resolves to a loopback, private, link-local or metadata address. */
  @IsOmittable()
  @IsString()
  @MaxLength(2048)
  url?: string;

  /** Rule kinds to receive: activity_due, activity_overdue, agreement_expiry, plan_expiry, notice_deadline. */
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(RULE_KINDS.filter((k) => k !== 'weekly_digest'), { each: true })
  @ArrayMaxSize(20)
  events?: string[];

  /** A note for the admins; null clears it. */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string | null;
}
