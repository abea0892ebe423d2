import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IMPORT_BODY_LIMIT, IMPORT_CONTENT_TYPES } from '../activities/import/import-formats';
import { UploadedFile, UploadedFileBody } from '../activities/import/uploaded-file.decorator';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { XLSX_CONTENT_TYPE } from '../common/files/content-types';
import { sendFile } from '../common/files/export-file';
import { Post } from '../idempotency/idempotent-post.decorator';
import { ResultValuesIoService } from './result-values-io.service';

const FILE = { schema: { type: 'string', format: 'binary' } };

@ApiTags('results')
@ApiBearerAuth()
@Controller('action-plans/:id/results')
export class ResultValuesIoController {
  constructor(private readonly io: ResultValuesIoService) {}

  /**
   * The plan's indicator values as CSV (UTF-8 with BOM, header row): one row per indicator × reporting
   * period (started so far, or with a value) × party that reports it, every party's, with the targets
   * of the period and of its year, each breakdown cell as a column (`sex:female|age_group:18_59`), note,
   * whether the period is validated, the value's version. The import's layout.
   */
  @Get('values.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(FILE)
  async csv(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.io.csv(actor, planId));
  }

  /** The same as a workbook (one sheet, header frozen; values as number cells). */
  @Get('values.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse(FILE)
  async xlsx(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendFile(reply, await this.io.xlsx(actor, planId));
  }

  /**
   * Reports actual values from a CSV or XLSX file in the layout of `values.csv`, sent as the raw body.
   * Each row is checked as `PUT …/results/values` checks a value (indicator and period of the plan, the
   * measure's range, a breakdown along the indicator's dimensions adding up to the value, a `reason`
   * when the period is validated, a `version` equal to the stored one when given). Blank `value` rows
   * are skipped; a row equal to what is stored changes nothing (an unchanged export is a no-op, whoever
   * imports it). A focal point may change only its own party's values (403 naming the rows otherwise);
   * observers may not import (403).
   * All rows or none: any problem answers 400 with `errors: [{ row, field, message }]` (row 1 is the
   * header; a breakdown problem is named by its column). Answers the counts `created`, `updated`,
   * `unchanged` and their sum `imported`.
   */
  @Post('values/import')
  @RequireRoles('admin', 'programme_manager', 'focal_point')
  @ApiConsumes(...IMPORT_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: IMPORT_BODY_LIMIT } })
  import(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @UploadedFileBody() file: UploadedFile,
  ) {
    return this.io.import(actor, planId, file);
  }
}
