import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class DeleteActivityQuery {
  /**
   * The version you read, for clients that cannot send `If-Match` (an HTML form, a link); one of the
   * two is required, and both must agree when both are sent.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}
