import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../notification.entity';

export class ListNotificationsQuery extends PageQueryDto {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  /** The activity, agreement or plan id the reminders are about. */
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  @MaxLength(36)
  subject?: string;

  /** A user id, a webhook id, or an email address. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  recipient?: string;

  /** A rule kind (`activity_due`) or an exact rule (`activity_due:7`). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  rule?: string;
}
