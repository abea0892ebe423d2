import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { Post } from '../idempotency/idempotent-post.decorator';
import { CreateIndicatorDto, UpdateIndicatorDto } from './dto/indicator.dto';
import { CreateObjectiveDto, UpdateObjectiveDto } from './dto/objective.dto';
import { ResultsQuery } from './dto/results-query.dto';
import { PutTargetsDto } from './dto/targets.dto';
import { UuidPathParam } from './results-params';
import { ResultsFrameworkService } from './results-framework.service';
import { ResultsViewService } from './results-view.service';

/**
 * A plan's results framework. Whoever reads the plan reads it (404 for others); programme managers
 * and admins define objectives, indicators and targets (403 for focal points and observers).
 */
@ApiTags('results')
@ApiBearerAuth()
@Controller('action-plans/:id/results')
export class ResultsFrameworkController {
  constructor(
    private readonly framework: ResultsFrameworkService,
    private readonly views: ResultsViewService,
  ) {}

  /**
   * The framework: reporting periods (dates, report due date, validation), objectives, indicators with
   * targets and achievement for `year` (default: the plan's current year) and for each target, every
   * reported value with its evidence, and the plan's achievement for the year.
   */
  @Get()
  get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() query: ResultsQuery,
  ) {
    return this.views.framework(actor, planId, query.year);
  }

  @Post('objectives')
  @RequireRoles('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'The code is already used in this plan.' })
  createObjective(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Body() dto: CreateObjectiveDto,
  ) {
    return this.framework.createObjective(actor, planId, dto);
  }

  /** Changes an objective; with `version`, only if it is still at that version (else 409). */
  @Patch('objectives/:objectiveId')
  @UuidPathParam('objectiveId')
  @RequireRoles('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'Stale version, or the code is used.' })
  updateObjective(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('objectiveId', UuidParam) objectiveId: string,
    @Body() dto: UpdateObjectiveDto,
  ) {
    return this.framework.updateObjective(actor, planId, objectiveId, dto);
  }

  /** Deletes the objective with its indicators, their targets and reported values. */
  @Delete('objectives/:objectiveId')
  @UuidPathParam('objectiveId')
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  async deleteObjective(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('objectiveId', UuidParam) objectiveId: string,
  ): Promise<void> {
    await this.framework.deleteObjective(actor, planId, objectiveId);
  }

  /**
   * Adds an indicator under an objective of the plan. Disaggregations (sex, age_group, nationality)
   * only for `number` indicators; `activityIds` must be the plan's activities.
   */
  @Post('indicators')
  @RequireRoles('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'The code is already used in this plan.' })
  createIndicator(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Body() dto: CreateIndicatorDto,
  ) {
    return this.framework.createIndicator(actor, planId, dto);
  }

  /**
   * Changes an indicator; with `version`, only if it is still at that version (else 409). The measure
   * cannot change once values are reported (409). `activityIds` replaces the links.
   */
  @Patch('indicators/:indicatorId')
  @UuidPathParam('indicatorId')
  @RequireRoles('admin', 'programme_manager')
  @ApiConflictResponse({
    description: 'Stale version, code used, or measure of a reported indicator.',
  })
  updateIndicator(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('indicatorId', UuidParam) indicatorId: string,
    @Body() dto: UpdateIndicatorDto,
  ) {
    return this.framework.updateIndicator(actor, planId, indicatorId, dto);
  }

  /** Deletes the indicator with its targets, reported values, their history and evidence. */
  @Delete('indicators/:indicatorId')
  @UuidPathParam('indicatorId')
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  async deleteIndicator(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('indicatorId', UuidParam) indicatorId: string,
  ): Promise<void> {
    await this.framework.deleteIndicator(actor, planId, indicatorId);
  }

  /**
   * Replaces the indicator's targets: years of the plan (`2025`) or reporting periods overlapping it
   * (`2025-H1`). A percentage target is 0–100, a yes/no target 1 or 0. Answers the indicator.
   */
  @Put('indicators/:indicatorId/targets')
  @UuidPathParam('indicatorId')
  @RequireRoles('admin', 'programme_manager')
  @ApiForbiddenResponse({ description: 'Focal points and observers.' })
  putTargets(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('indicatorId', UuidParam) indicatorId: string,
    @Body() dto: PutTargetsDto,
  ) {
    return this.framework.putTargets(actor, planId, indicatorId, dto);
  }
}
