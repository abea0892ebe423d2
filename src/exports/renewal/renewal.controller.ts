import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, RequireRoles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/errors/validation';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { PlanHistoryService } from './plan-history.service';
import { PlanRenewalService } from './plan-renewal.service';

@ApiTags('action plans')
@ApiBearerAuth()
@Controller('action-plans/:id')
export class RenewalController {
  constructor(
    private readonly renewals: PlanRenewalService,
    private readonly history: PlanHistoryService,
  ) {}

  /**
   * Opens the next cycle: a new plan from the day after this one ends, same duration, with the
   * unfinished activities carried over. 409 if the plan is not renewable or already renewed.
   */
  @Post('renew')
  @RequireRoles('admin', 'programme_manager')
  renew(@CurrentActor() actor: Actor, @Param('id', UuidParam) planId: string) {
    return this.renewals.renew(actor, planId);
  }

  /** The plan's events (renewals, imports), oldest first. */
  @Get('history')
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() query: PageQueryDto,
  ) {
    return this.history.list(actor, planId, query);
  }
}
