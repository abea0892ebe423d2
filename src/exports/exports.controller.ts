import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { ActivityExportsService } from './activity-exports.service';
import { XLSX_CONTENT_TYPE } from './content-types';
import { CalendarCaller } from './calendar/calendar-caller';
import { CalendarQuery } from './calendar/calendar.query';
import { PlanCalendarService } from './calendar/plan-calendar.service';
import { sendFile } from './export-file';
import { ExportActivitiesQuery } from './exports.query';

const FILE = { schema: { type: 'string', format: 'binary' } };

@ApiTags('exports')
@ApiBearerAuth()
@Controller('action-plans/:id')
export class ExportsController {
  constructor(
    private readonly exports: ActivityExportsService,
    private readonly calendar: PlanCalendarService,
    private readonly caller: CalendarCaller,
  ) {}

  /** The filtered activities as CSV (UTF-8 with BOM, header row), every page; the import's layout. */
  @Get('activities.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(FILE)
  async csv(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() filters: ExportActivitiesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.exports.csv(actor, planId, filters));
  }

  /** The same as a workbook (header frozen, dates as YYYY-MM-DD text). */
  @Get('activities.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(FILE)
  async xlsx(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() filters: ExportActivitiesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.exports.xlsx(actor, planId, filters));
  }

  /** IATI activity XML 2.03, one iati-activity per (filtered) activity. */
  @Get('iati.xml')
  @ApiProduces('application/xml')
  @ApiOkResponse(FILE)
  async iati(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Query() filters: ExportActivitiesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.exports.iati(actor, planId, filters));
  }

  /**
   * Deadlines, plan end, agreement expiry and notice deadline as iCalendar, for subscription.
   * Authenticated by a bearer token or by `?token=` (a feed token), since calendar clients cannot
   * send headers; the caller's read scope applies either way.
   */
  @Public()
  @ApiUnauthorizedResponse({ description: 'Neither a valid bearer token nor a valid `?token=`.' })
  @Get('calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse(FILE)
  async ics(
    @Param('id', UuidParam) planId: string,
    @Query() query: CalendarQuery,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const actor = await this.caller.resolve(authorization, query.token);
    return sendFile(reply, await this.calendar.export(actor, planId));
  }
}
