import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsCalendarDate, PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../activity-rules';
import { ACTIVITY_TYPES, type ActivityType } from '../activity.entity';

const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export class ListActivitiesQuery extends PageQueryDto {
  /** One status or several, comma-separated (`planned,in_progress`). */
  @IsOptional()
  @Transform(commaList)
  @IsIn(ACTIVITY_STATUSES, { each: true })
  @ArrayMaxSize(20) // a literal: the swagger plugin copies literals only
  status?: ActivityStatus[];

  /** One type or several, comma-separated. */
  @IsOptional()
  @Transform(commaList)
  @IsIn(ACTIVITY_TYPES, { each: true })
  @ArrayMaxSize(20)
  type?: ActivityType[];

  /** Activities this party leads or takes part in. */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  party?: string;

  /** Due strictly before this date. */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  dueBefore?: string;

  /** Due strictly after this date. */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  dueAfter?: string;

  /** `true`: only overdue activities; `false`: only those not overdue. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  /** Words searched in title, description and notes (ignoring case and accents: `etude` finds « étude »). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
