import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { ResultsQuery } from './dto/results-query.dto';
import type { IndicatorProgressView } from './result-views';
import { ResultsViewService } from './results-view.service';

/**
 * `GET /api/action-plans/:id/indicators`, the route API.md promises: a plan's indicators with their
 * targets and achievement for `year`, without the periods and values of the whole framework
 * (`GET …/results`), for reports and integrations that only need progress against target.
 */
@ApiTags('results')
@ApiBearerAuth()
@Controller('action-plans/:id/indicators')
export class PlanIndicatorsController {
  constructor(private readonly views: ResultsViewService) {}

  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() query: ResultsQuery,
  ): Promise<{
    year: string;
    items: IndicatorProgressView[];
    achievement: { year: string; indicatorCount: number; percent: number | null };
  }> {
    const framework = await this.views.framework(actor, planId, query.year);
    return {
      year: framework.year,
      items: framework.indicators,
      achievement: framework.achievement,
    };
  }
}
