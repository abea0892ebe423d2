import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { ActionPlansService } from './action-plans.service';
import { PlanHistoryService } from './plan-history.service';
import { CreateActionPlanDto } from './dto/create-action-plan.dto';
import { UpdateActionPlanDto } from './dto/update-action-plan.dto';

@ApiTags('action plans')
@ApiBearerAuth()
@Controller()
export class ActionPlansController {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly history: PlanHistoryService,
  ) {}

  @Get('agreements/:id/action-plans')
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) agreementId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.plans.listForAgreement(actor, agreementId, query);
  }

  @Post('agreements/:id/action-plans')
  @RequireRoles('admin', 'programme_manager')
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) agreementId: string,
    @Body() dto: CreateActionPlanDto,
  ) {
    return this.plans.create(actor, agreementId, dto);
  }

  @Get('action-plans/:id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.plans.get(actor, id);
  }

  @Patch('action-plans/:id')
  @RequireRoles('admin', 'programme_manager')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateActionPlanDto,
  ) {
    return this.plans.update(actor, id, dto);
  }

  /** The plan's events (renewals, imports), oldest first. */
  @Get('action-plans/:id/history')
  listHistory(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.history.list(actor, id, query);
  }
}
