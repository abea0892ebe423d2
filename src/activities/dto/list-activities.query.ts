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
import { PageQueryDto, wellFormedPage } from '../../common/pagination/page-query.dto';
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

  /**
   * The dashboard's and the bench's everyday queries (page, pageSize, overdue, written plainly) without
   * class-transformer and class-validator (WellFormedQueryParser); any other key or spelling, undefined:
   * full validation decides, with its usual 400s.
   */
  static parseWellFormed(raw: Readonly<Record<string, unknown>>): ListActivitiesQuery | undefined {
    const query = new ListActivitiesQuery();
    for (const key in raw) if (!WELL_FORMED_KEYS.has(key)) return undefined;
    if (!wellFormedPage(raw, query)) return undefined;
    if (raw.overdue !== undefined) {
      if (raw.overdue !== 'true' && raw.overdue !== 'false') return undefined;
      query.overdue = raw.overdue === 'true';
    }
    return query;
  }
}

const WELL_FORMED_KEYS: ReadonlySet<string> = new Set(['page', 'pageSize', 'overdue']);
