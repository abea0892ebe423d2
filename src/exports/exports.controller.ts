import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { ActivityExportsService } from './activity-exports.service';
import { XLSX_CONTENT_TYPE } from '../common/files/content-types';
import { sendFile } from '../common/files/export-file';
import { ExportActivitiesQuery } from './exports.query';

const FILE = { schema: { type: 'string', format: 'binary' } };

@ApiTags('exports')
@ApiBearerAuth()
@Controller('action-plans/:id')
export class ExportsController {
  constructor(private readonly exports: ActivityExportsService) {}

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
}
