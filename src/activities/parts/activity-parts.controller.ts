import { Body, Controller, Headers, Param, Patch, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor } from '../../common/auth/decorators';
import { UuidParam } from '../../common/errors/validation';
import { PartyCodeParam } from '../../parties/party-code.param';
import { ActivitiesService } from '../activities.service';
import { resolveVersion } from '../activity-updates.service';
import { ActivityPartsService } from './activity-parts.service';
import { UpdatePartDto } from './dto/update-part.dto';

@ApiTags('activities')
@ApiBearerAuth()
@Controller()
export class ActivityPartsController {
  constructor(
    private readonly parts: ActivityPartsService,
    private readonly activities: ActivitiesService,
  ) {}

  /**
   * One party's part of an activity: status, progress, note, completion date. Changed by that party's
   * focal point, programme managers and admins (a focal point of another party reads it: 403). Needs
   * the part's own `version` (body or `If-Match`); stale → 409 with `currentVersion`. The activity's
   * joint status and progress are rolled up from its parts in the same transaction; the answer is the
   * whole activity with its parts.
   */
  @Patch('activities/:id/parts/:partyCode')
  @ApiParam({
    name: 'partyCode',
    schema: { type: 'string', maxLength: 16, pattern: '^[A-Z][A-Z0-9]{1,15}$' },
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version of the part you read, e.g. "3"',
    schema: { type: 'string', maxLength: 16, pattern: '^(W/)?"?[0-9]{1,10}"?$' },
  })
  @ApiForbiddenResponse({ description: "Not this party's focal point, nor a programme manager." })
  @ApiConflictResponse({ description: 'Stale part version (`currentVersion`), or carried over.' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('partyCode', PartyCodeParam) partyCode: string,
    @Body() dto: UpdatePartDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = resolveVersion(dto.version, ifMatch);
    const { activity, today } = await this.parts.update(actor, id, partyCode, dto, version);
    const view = await this.activities.viewOf(activity, today);
    void reply.header('ETag', `"${view.version}"`);
    return view;
  }
}
