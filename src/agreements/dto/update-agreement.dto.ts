import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CreateAgreementDto } from './create-agreement.dto';

export class UpdateAgreementDto extends PartialType(CreateAgreementDto, {
  // Every field may be left out, but null is validated like any value: a null title or status is a 400,
  // not a NOT NULL violation. Fields where null means "clear it" keep @IsOptional() in the create DTO.
  skipNullProperties: false,
}) {
  /** When given, the update applies only if the agreement is still at this version (else 409). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647) // the column is an int4: a larger number was a 500
  version?: number;
}
