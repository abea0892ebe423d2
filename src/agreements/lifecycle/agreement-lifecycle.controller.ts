import { Body, Controller, Delete, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, RequireRoles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/errors/validation';
import { Post } from '../../idempotency/idempotent-post.decorator';
import { AgreementLifecycleService } from './agreement-lifecycle.service';
import { CreateAmendmentDto, UpdateAmendmentDto } from './dto/amendment.dto';
import { RecordDenunciationDto } from './dto/record-denunciation.dto';
import { RecordNotificationDto } from './dto/record-notification.dto';

/** The second path parameter's schema (the first, `id`, is completed by the document builder). */
const UUID_SCHEMA = { type: 'string', format: 'uuid', maxLength: 36 } as const;
const IdParam = (name: string) => ApiParam({ name, schema: UUID_SCHEMA });

/**
 * The treaty side of an agreement: the parties' notifications (entry into force is computed from
 * them), amendments, denunciations and the timeline. Reads follow the agreement's visibility; a focal
 * point records its own party's notification, the managers everything.
 */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements/:id')
export class AgreementLifecycleController {
  constructor(private readonly lifecycle: AgreementLifecycleService) {}

  /** Signature, notifications, entry into force, amendments, renewals, denunciation, expiry; by date. */
  @Get('timeline')
  timeline(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.lifecycle.timeline(actor, id);
  }

  /** A party's notification that its internal procedures are complete (its own party for a focal point). */
  @Post('notifications')
  @RequireRoles('admin', 'programme_manager', 'focal_point')
  recordNotification(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordNotificationDto,
  ) {
    return this.lifecycle.recordNotification(actor, id, dto);
  }

  /** Removes a notification recorded in error; the entry into force is computed again. */
  @Delete('notifications/:notificationId')
  @IdParam('notificationId')
  @RequireRoles('admin', 'programme_manager', 'focal_point')
  deleteNotification(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('notificationId', UuidParam) notificationId: string,
  ) {
    return this.lifecycle.deleteNotification(actor, id, notificationId);
  }

  @Get('amendments')
  listAmendments(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.lifecycle.listAmendments(actor, id);
  }

  @Get('amendments/:amendmentId')
  @IdParam('amendmentId')
  getAmendment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('amendmentId', UuidParam) amendmentId: string,
  ) {
    return this.lifecycle.getAmendment(actor, id, amendmentId);
  }

  @Post('amendments')
  @RequireRoles('admin', 'programme_manager')
  createAmendment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateAmendmentDto,
  ) {
    return this.lifecycle.createAmendment(actor, id, dto);
  }

  @Patch('amendments/:amendmentId')
  @IdParam('amendmentId')
  @RequireRoles('admin', 'programme_manager')
  updateAmendment(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('amendmentId', UuidParam) amendmentId: string,
    @Body() dto: UpdateAmendmentDto,
  ) {
    return this.lifecycle.updateAmendment(actor, id, amendmentId, dto);
  }

  /** A party's denunciation; it takes effect after the notice period (12 months without a clause). */
  @Post('denunciations')
  @RequireRoles('admin', 'programme_manager')
  recordDenunciation(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordDenunciationDto,
  ) {
    return this.lifecycle.recordDenunciation(actor, id, dto);
  }

  /** Withdraws a denunciation before it takes effect. */
  @Delete('denunciations/:denunciationId')
  @IdParam('denunciationId')
  @RequireRoles('admin', 'programme_manager')
  withdrawDenunciation(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('denunciationId', UuidParam) denunciationId: string,
  ) {
    return this.lifecycle.withdrawDenunciation(actor, id, denunciationId);
  }
}
