import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { ReminderRulesDto } from './dto/reminder-rules.dto';
import { ReminderRulesService } from './reminder-rules.service';

@ApiTags('reminders')
@ApiBearerAuth()
@RequireRoles('admin', 'programme_manager')
@Controller('reminder-rules')
export class ReminderRulesController {
  constructor(private readonly rules: ReminderRulesService) {}

  /** Lead times for due dates, expiries and notice deadlines; overdue cadence; escalation. */
  @Get()
  get() {
    return this.rules.current();
  }

  /** Replaces the whole rule set; a bad rule is a 400 naming it, and nothing changes. */
  @Put()
  replace(@CurrentActor() actor: Actor, @Body() dto: ReminderRulesDto) {
    return this.rules.replace(actor, dto);
  }
}
