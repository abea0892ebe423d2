import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { DashboardService } from './dashboard.service';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller()
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly dashboard: DashboardService,
  ) {}

  /** Totals, status breakdown, completion, overdue, per party/type/theme and the next 10 deadlines. */
  @Get('action-plans/:id/progress')
  forPlan(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.progress.forPlan(actor, id);
  }

  /** One summary row per plan the caller may read. */
  @Get('dashboard')
  summary(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.dashboard.summary(actor, query);
  }
}
