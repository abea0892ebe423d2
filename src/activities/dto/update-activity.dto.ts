import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CreateActivityDto } from './create-activity.dto';

export class UpdateActivityDto extends PartialType(CreateActivityDto, {
  // Every field may be left out, but null is validated like any value: a null title or status is a 400,
  // not a NOT NULL violation. Fields where null means "clear it" keep @IsOptional() in the create DTO.
  skipNullProperties: false,
}) {
  /** The version you read; required here or as an `If-Match` header. A stale version answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;

  /** Why the change was made; kept on the history rows, not on the activity. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
