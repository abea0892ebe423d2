import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarCaller } from '../auth/feed-tokens/calendar-caller';
import { Public } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { sendFile } from '../common/files/export-file';
import { CalendarQuery } from './calendar.query';
import { PlanCalendarService } from './plan-calendar.service';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('action-plans/:id')
export class CalendarController {
  constructor(
    private readonly calendar: PlanCalendarService,
    private readonly caller: CalendarCaller,
  ) {}

  /**
   * Deadlines, plan end, agreement expiry and notice deadline as iCalendar, for subscription.
   * Authenticated by a bearer token or by `?token=` (a feed token), since calendar clients cannot
   * send headers; the caller's read scope applies either way.
   */
  @Public()
  @ApiUnauthorizedResponse({ description: 'Neither a valid bearer token nor a valid `?token=`.' })
  @Get('calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async ics(
    @Param('id', UuidParam) planId: string,
    @Query() query: CalendarQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const actor = await this.caller.resolve(request, query.token);
    return sendFile(reply, await this.calendar.export(actor, planId));
  }
}
