import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../../common/auth/decorators';
import { PutEvidenceRequirementsDto } from './evidence-requirements.dto';
import { EvidenceRequirementsService } from './evidence-requirements.service';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('evidence-requirements')
export class EvidenceRequirementsController {
  constructor(private readonly requirements: EvidenceRequirementsService) {}

  /** For each activity type, the kinds of evidence a party's part needs before it is completed. */
  @Get()
  get() {
    return this.requirements.get();
  }

  /**
   * Replaces the whole set (a type left out then requires nothing). Programme managers and admins.
   * Parts already completed stay completed; the new rule applies to the next completions.
   */
  @Put()
  @RequireRoles('admin', 'programme_manager')
  put(@Body() dto: PutEvidenceRequirementsDto) {
    return this.requirements.put(dto);
  }
}
