import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { NoFieldsDto } from '../common/validation/no-fields.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { PlanRenewalService } from './plan-renewal.service';

@ApiTags('action plans')
@ApiBearerAuth()
@Controller('action-plans/:id')
export class PlanRenewalController {
  constructor(private readonly renewals: PlanRenewalService) {}

  /**
   * Opens the next cycle: a new plan from the day after this one ends, same duration, with the
   * unfinished activities carried over. 409 if the plan is not renewable or already renewed.
   */
  @Post('renew')
  @RequireRoles('admin', 'programme_manager')
  renew(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Body() _body: NoFieldsDto, // validated only: it must carry no field
  ) {
    return this.renewals.renew(actor, planId);
  }
}
