import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { ActivitiesService } from './activities.service';
import { ActivityDeletionService } from './activity-deletion.service';
import { ActivityHistoryService } from './activity-history.service';
import { ActivityUpdatesService, resolveVersion } from './activity-updates.service';
import { CreateActivityDto } from './dto/create-activity.dto';
import { DeleteActivityQuery } from './dto/delete-activity.query';
import { ListActivitiesQuery } from './dto/list-activities.query';
import { UpdateActivityDto } from './dto/update-activity.dto';

@ApiTags('activities')
@ApiBearerAuth()
@Controller()
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly updates: ActivityUpdatesService,
    private readonly history: ActivityHistoryService,
    private readonly deletion: ActivityDeletionService,
  ) {}

  /** The plan's activities, by due date, with filters; each carries a computed `overdue`. */
  @Get('action-plans/:id/activities')
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() query: ListActivitiesQuery,
  ) {
    return this.activities.listForPlan(actor, planId, query);
  }

  @Post('action-plans/:id/activities')
  @RequireRoles('admin', 'programme_manager')
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Body() dto: CreateActivityDto,
  ) {
    return this.activities.create(actor, planId, dto);
  }

  /** One activity with its `version` (also sent as an ETag). */
  @Get('activities/:id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const activity = await this.activities.get(actor, id);
    void reply.header('ETag', `"${activity.version}"`);
    return activity;
  }

  /**
   * Programme managers change any field; a focal point of a party on the activity changes status,
   * progress and notes. Needs the current `version` (body or `If-Match`); a stale one answers 409.
   */
  @Patch('activities/:id')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you read, e.g. "3"',
    schema: { type: 'string', maxLength: 16, pattern: '^(W/)?"?[0-9]{1,10}"?$' },
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateActivityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const activity = await this.updates.update(actor, id, dto, ifMatch);
    void reply.header('ETag', `"${activity.version}"`);
    return activity;
  }

  /**
   * Deletes an activity entered by mistake: programme managers and admins, with the version you read
   * (`If-Match: "3"` as for PATCH, or `?version=3`). Only while nothing refers to it: no change since
   * its creation (history), no renewal copy, no reminder or webhook delivery sent about it. Otherwise
   * 409 `Activity in use` with `references` and `cancelInstead: true`: cancel it with a PATCH. A stale
   * version answers 409 with `currentVersion`. Its pending reminders go with it.
   */
  @Delete('activities/:id')
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(204)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you read, e.g. "3" (or send `?version=3`)',
    schema: { type: 'string', maxLength: 16, pattern: '^(W/)?"?[0-9]{1,10}"?$' },
  })
  @ApiNoContentResponse({ description: 'Deleted, with its pending reminders.' })
  @ApiConflictResponse({
    description:
      'Stale version (`currentVersion`), or something refers to the activity (`references`, `cancelInstead`): cancel it instead.',
  })
  async delete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: DeleteActivityQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.deletion.delete(actor, id, resolveVersion(query.version, ifMatch, 'query'));
  }

  @Get('activities/:id/history')
  listHistory(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.history.list(actor, id, query);
  }
}
