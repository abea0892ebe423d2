import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { AGREEMENT_STATUSES, type AgreementStatus } from '../../agreements/agreement.entity';
import { THEME_PATTERN } from '../../activities/dto/create-activity.dto';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { IsCalendarDate, PARTY_CODE_PATTERN } from '../../common/validation/validators';

export const PORTFOLIO_SORTS = [
  'title',
  'completion',
  'overdue',
  'nextDeadline',
  'achievement',
  'endsOn',
] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** `GET /api/portfolio`: filters, sort and page of the plans the caller may read. */
export class PortfolioQueryDto extends PageQueryDto {
  /** Plans this party (country or organisation) takes part in, by code (`MA`). */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  country?: string;

  /** Plans with at least one activity on this theme (`victim_support`). */
  @IsOptional()
  @Matches(THEME_PATTERN, { message: 'must be a snake_case theme such as victim_support' })
  @MaxLength(64)
  theme?: string;

  /** Plans whose agreement has this status today (`expired` included when the term has run out). */
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  @MaxLength(16)
  agreementStatus?: AgreementStatus;

  /** Plans running on or after this date (their period overlaps [periodFrom, periodTo]). */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  periodFrom?: string;

  /** Plans starting on or before this date; not before periodFrom. */
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  periodTo?: string;

  /** Sort key; ties are broken by title, then id. Plans without the figure come last either way. */
  @IsOptional()
  @IsIn(PORTFOLIO_SORTS)
  @MaxLength(16)
  sort: PortfolioSort = 'title';

  @IsOptional()
  @IsIn(SORT_ORDERS)
  @MaxLength(4)
  order: SortOrder = 'asc';
}
