import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PageQueryDto {
  /** 1-based page number. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  // Far beyond any list here; keeps (page - 1) * pageSize a valid SQL OFFSET (page=1e20 was a 500).
  @Max(1_000_000)
  page: number = 1;

  /** Items per page, at most 200. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
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
