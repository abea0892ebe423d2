import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { CreateAgreementDto } from './create-agreement.dto';

export class UpdateAgreementDto extends PartialType(CreateAgreementDto) {
  /** When given, the update applies only if the agreement is still at this version (else 409). */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
