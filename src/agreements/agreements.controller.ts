import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { AgreementRenewalsService } from './agreement-renewals.service';
import { AgreementsService } from './agreements.service';
import { CreateAgreementDto } from './dto/create-agreement.dto';
import { RecordRenewalDto } from './dto/record-renewal.dto';
import { UpdateAgreementDto } from './dto/update-agreement.dto';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly renewals: AgreementRenewalsService,
  ) {}

  /** Agreements the caller may read, with `expiresOn`, `noticeDeadlineOn` and `daysToExpiry`. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.agreements.list(actor, query);
  }

  @Post()
  @RequireRoles('admin', 'programme_manager')
  create(@Body() dto: CreateAgreementDto) {
    return this.agreements.create(dto);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.agreements.get(actor, id);
  }

  @Patch(':id')
  @RequireRoles('admin', 'programme_manager')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateAgreementDto,
  ) {
    return this.agreements.update(actor, id, dto);
  }

  /** Renewals and notices of non-renewal recorded so far, oldest first. */
  @Get(':id/renewals')
  listRenewals(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.renewals.list(actor, id, query);
  }

  /** Record a renewal (extends the term) or a notice of non-renewal. */
  @Post(':id/renewals')
  @RequireRoles('admin', 'programme_manager')
  recordRenewal(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordRenewalDto,
  ) {
    return this.renewals.record(actor, id, dto);
  }
}
