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
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { resolveVersion } from '../activities/activity-updates.service';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { Post } from '../idempotency/idempotent-post.decorator';
import { DecisionActivityDto } from './dto/decision-activity.dto';
import {
  CreateDecisionDto,
  CreateMeetingDto,
  DeleteMeetingQuery,
  UpdateDecisionDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { MeetingDecisionsService } from './meeting-decisions.service';
import type { MeetingView } from './meeting-view';
import { MeetingsService } from './meetings.service';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version of the meeting you read, e.g. "3"',
  schema: { type: 'string', maxLength: 16, pattern: '^(W/)?"?[0-9]{1,10}"?$' },
} as const;

const UUID_SCHEMA = { type: 'string', format: 'uuid', maxLength: 36 } as const;
/** Ids in the path besides the plan's `id` (which src/openapi/document-completion.ts documents). */
const MeetingIdParam = () => ApiParam({ name: 'meetingId', schema: UUID_SCHEMA });
const DecisionIdParam = () => ApiParam({ name: 'decisionId', schema: UUID_SCHEMA });

function withETag(reply: FastifyReply, view: MeetingView): MeetingView {
  void reply.header('ETag', `"${view.version}"`);
  return view;
}

/**
 * Meetings of a plan's joint follow-up committee. Whoever may read the plan reads them (404 for
 * others); programme managers and admins record them (403 for focal points and observers).
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller('action-plans/:id/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly decisions: MeetingDecisionsService,
  ) {}

  /** The plan's meetings, latest first, each with its decisions and what became of them. */
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) planId: string) {
    return this.meetings.list(actor, planId);
  }

  /**
   * Records a meeting: planned (dated today or later) or held (today or earlier). A held meeting has
   * the plan's baseline taken in the same transaction.
   */
  @Post()
  @RequireRoles('admin', 'programme_manager')
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Body() dto: CreateMeetingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.meetings.create(actor, planId, dto));
  }

  @Get(':meetingId')
  @MeetingIdParam()
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.meetings.get(actor, planId, meetingId));
  }

  /**
   * Changes date, place, participants or status, with the `version` you read (body or `If-Match`;
   * stale → 409). `status: "held"` takes the baseline in the same transaction; a held meeting stays
   * held.
   */
  @Patch(':meetingId')
  @MeetingIdParam()
  @RequireRoles('admin', 'programme_manager')
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({ description: 'Stale version.' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Body() dto: UpdateMeetingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = resolveVersion(dto.version, ifMatch);
    return withETag(reply, await this.meetings.update(actor, planId, meetingId, dto, version));
  }

  /** Deletes a meeting recorded by mistake, with its decisions and baseline; activities stay. */
  @Delete(':meetingId')
  @MeetingIdParam()
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(204)
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiConflictResponse({ description: 'Stale version.' })
  async delete(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Query() query: DeleteMeetingQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    const version = resolveVersion(query.version, ifMatch, 'query');
    await this.meetings.delete(actor, planId, meetingId, version);
  }

  /** Takes the plan's baseline for this meeting now; once (409 when already taken). */
  @Post(':meetingId/baseline')
  @MeetingIdParam()
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'The baseline was already taken.' })
  async takeBaseline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withETag(reply, await this.meetings.takeBaseline(actor, planId, meetingId));
  }

  /**
   * Exactly what changed between the previous held meeting's baseline and this meeting's (or the plan
   * as it stands, while this meeting's baseline is not taken): per activity and per party's part.
   */
  @Get(':meetingId/changes')
  @MeetingIdParam()
  changes(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
  ) {
    return this.meetings.changes(actor, planId, meetingId);
  }

  /** Adds a decision at the end of the meeting's list; answers the meeting. */
  @Post(':meetingId/decisions')
  @MeetingIdParam()
  @RequireRoles('admin', 'programme_manager')
  addDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Body() dto: CreateDecisionDto,
  ) {
    return this.decisions.add(actor, planId, meetingId, dto);
  }

  @Patch(':meetingId/decisions/:decisionId')
  @MeetingIdParam()
  @DecisionIdParam()
  @RequireRoles('admin', 'programme_manager')
  updateDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Param('decisionId', UuidParam) decisionId: string,
    @Body() dto: UpdateDecisionDto,
  ) {
    return this.decisions.update(actor, planId, meetingId, decisionId, dto);
  }

  /** Removes a decision; the activity it became, if any, stays. */
  @Delete(':meetingId/decisions/:decisionId')
  @MeetingIdParam()
  @DecisionIdParam()
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed.' })
  async removeDecision(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Param('decisionId', UuidParam) decisionId: string,
  ): Promise<void> {
    await this.decisions.remove(actor, planId, meetingId, decisionId);
  }

  /**
   * The decision becomes an activity of the plan (the fields of a new activity; the title defaults to
   * the decision's text) and is linked to it: the meeting then shows what became of it. 409 when it
   * already became one.
   */
  @Post(':meetingId/decisions/:decisionId/activity')
  @MeetingIdParam()
  @DecisionIdParam()
  @RequireRoles('admin', 'programme_manager')
  @ApiForbiddenResponse({ description: 'Not a programme manager or admin.' })
  @ApiConflictResponse({ description: 'The decision already became an activity (`activityId`).' })
  makeActivity(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Param('decisionId', UuidParam) decisionId: string,
    @Body() dto: DecisionActivityDto,
  ) {
    return this.decisions.makeActivity(actor, planId, meetingId, decisionId, dto);
  }
}
