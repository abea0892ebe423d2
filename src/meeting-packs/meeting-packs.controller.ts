import { Controller, Get, HttpCode, Param, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { sendFile } from '../common/files/export-file';
import { Post } from '../idempotency/idempotent-post.decorator';
import { MeetingPacksService } from './meeting-packs.service';

const FILE = { schema: { type: 'string', format: 'binary' } };

/** The committee pack of a meeting: a PDF of the plan in its two pack languages, printed by the worker. */
@ApiTags('meetings')
@ApiBearerAuth()
@ApiParam({ name: 'meetingId', schema: { type: 'string', format: 'uuid', maxLength: 36 } })
@Controller('action-plans/:id/meetings/:meetingId')
export class MeetingPacksController {
  constructor(private readonly packs: MeetingPacksService) {}

  /** Asks the worker to print the pack (again); answers at once with `queued`. */
  @Post('pack')
  @HttpCode(202)
  @RequireRoles('admin', 'programme_manager')
  @ApiAcceptedResponse({ description: 'The pack is queued for printing.' })
  request(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
  ) {
    return this.packs.request(actor, planId, meetingId);
  }

  /** Where the pack stands: none, queued, ready (with its size and SHA-256) or failed. */
  @Get('pack')
  status(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
  ) {
    return this.packs.status(actor, planId, meetingId);
  }

  /** The PDF, as an attachment; 404 while none is ready. */
  @Get('pack.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse(FILE)
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('meetingId', UuidParam) meetingId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.packs.download(actor, planId, meetingId);
    void reply.header('X-Content-Type-Options', 'nosniff');
    return sendFile(reply, file);
  }
}
