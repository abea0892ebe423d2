import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { plainPositiveInt } from '../validation/well-formed-query';

// The @Max bounds below, for the well-formed fast way in (a spec checks both agree).
const MAX_PAGE = 1_000_000;
const MAX_PAGE_SIZE = 200;

export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  // Far beyond any list here; keeps (page - 1) * pageSize a valid SQL OFFSET (page=1e20 was a 500).
  @Max(1_000_000) // a literal: the swagger plugin copies literals only (MAX_PAGE)
  page: number = 1;

  /** Items per page, at most 200. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200) // MAX_PAGE_SIZE, as a literal
  pageSize: number = 50;
}

/**
 * `page` and `pageSize` of a well-formed query into `into` (WellFormedQueryParser), leaving the
 * defaults where absent; false when either is there in any other shape (full validation decides).
 */
export function wellFormedPage(
  raw: Readonly<Record<string, unknown>>,
  into: PageQueryDto,
): boolean {
  if (raw.page !== undefined) {
    const page = plainPositiveInt(raw.page, MAX_PAGE);
    if (page === undefined) return false;
    into.page = page;
  }
  if (raw.pageSize !== undefined) {
    const pageSize = plainPositiveInt(raw.pageSize, MAX_PAGE_SIZE);
    if (pageSize === undefined) return false;
    into.pageSize = pageSize;
  }
  return true;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOffset(query: PageQueryDto): number {
  return (query.page - 1) * query.pageSize;
}
