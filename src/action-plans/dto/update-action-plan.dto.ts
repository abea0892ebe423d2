import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateActionPlanDto } from './create-action-plan.dto';

export class UpdateActionPlanDto extends PartialType(CreateActionPlanDto) {
  /** When given, the update applies only if the plan is still at this version (else 409). */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
