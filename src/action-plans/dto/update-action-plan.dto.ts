import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CreateActionPlanDto } from './create-action-plan.dto';

export class UpdateActionPlanDto extends PartialType(CreateActionPlanDto, {
  // Every field may be left out, but null is validated like any value: a null title or renewable is a
  // 400, not a NOT NULL violation. Fields where null means "clear it" keep @IsOptional() in the create DTO.
  skipNullProperties: false,
}) {
  /** When given, the update applies only if the plan is still at this version (else 409). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647) // the column is an int4: a larger number was a 500
  version?: number;
}
