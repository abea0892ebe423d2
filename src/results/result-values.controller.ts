import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { ALLOWED_EVIDENCE_TYPES } from '../evidence/evidence-content-types';
import { attachmentDispositionFor } from '../evidence/evidence-file-names';
import type { UploadedEvidenceFile } from '../evidence/evidence.service';
import { EvidenceUploadErrors } from '../evidence/evidence-upload.interceptor';
import { Post } from '../idempotency/idempotent-post.decorator';
import { PutResultValueDto, ReopenPeriodQuery } from './dto/result-value.dto';
import { PeriodValidationsService } from './period-validations.service';
import { ResultValuesService } from './result-values.service';
import { PeriodParam, PeriodPathParam, UuidPathParam } from './results-params';
import { ValueEvidenceService } from './value-evidence.service';

/** The most a multipart part of an upload may hold; the real bound is EVIDENCE_MAX_BYTES (README). */
const DOCUMENTED_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Actual values of a plan's indicators, their history and evidence, and the validation of reporting
 * periods. A focal point reports its own party's values (403 for another party's); programme managers
 * report any and validate periods; everyone who reads the plan reads them (404 for others).
 */
@ApiTags('results')
@ApiBearerAuth()
@Controller('action-plans/:id/results')
export class ResultValuesController {
  constructor(
    private readonly values: ResultValuesService,
    private readonly validations: PeriodValidationsService,
    private readonly evidence: ValueEvidenceService,
  ) {}

  /**
   * Reports (creates or replaces) one party's value of an indicator for a reporting period of the
   * plan. `breakdown` uses only the indicator's disaggregations and adds up to `value` (else 422 naming
   * `breakdown`); a percentage is 0–100 and a yes/no 1 or 0 (422 naming `value`). With `version`,
   * only if the value is still at that version (0: not reported yet; else 409). In a validated period
   * a change needs `reason` (else 409 `period_validated` naming `reason`). Every change is kept in the
   * value's history; re-sending the stored value changes nothing.
   */
  @Put('values')
  @ApiForbiddenResponse({ description: "Another party's value, or an observer." })
  @ApiConflictResponse({ description: 'Stale version, or a validated period without a reason.' })
  @ApiUnprocessableEntityResponse({
    description: 'The value or breakdown does not fit the indicator.',
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Body() dto: PutResultValueDto,
  ) {
    return this.values.put(actor, planId, dto);
  }

  /** Every change of the value, oldest first: who, when, from what to what, and why. */
  @Get('values/:valueId/history')
  @UuidPathParam('valueId')
  history(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('valueId', UuidParam) valueId: string,
  ) {
    return this.values.history(actor, planId, valueId);
  }

  /**
   * Adds a file to a value (multipart/form-data, one `file` part), by whoever may report the value.
   * The type is read from the content as for activity evidence: PDF, images, office documents, plain
   * text; a name that disagrees → 415 naming `file`; over EVIDENCE_MAX_BYTES → 413.
   */
  @Post('values/:valueId/evidence')
  @UuidPathParam('valueId')
  @UseInterceptors(EvidenceUploadErrors, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          maxLength: DOCUMENTED_MAX_BYTES,
          description: `One of: ${ALLOWED_EVIDENCE_TYPES.map((t) => t.mediaType).join(', ')}`,
        },
      },
    },
  })
  @ApiForbiddenResponse({ description: "Another party's value, or an observer." })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than EVIDENCE_MAX_BYTES.' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'The content is not an allowed type, or not the type its name or part claims.',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('valueId', UuidParam) valueId: string,
    @UploadedFile() file: UploadedEvidenceFile | undefined,
  ) {
    return this.evidence.upload(actor, planId, valueId, file);
  }

  /** The file, as an attachment, with its detected type, `nosniff` and its SHA-256 as ETag. */
  @Get('values/:valueId/evidence/:evidenceId/content')
  @UuidPathParam('valueId')
  @UuidPathParam('evidenceId')
  @ApiProduces('application/octet-stream')
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('valueId', UuidParam) valueId: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { evidence, file } = await this.evidence.content(actor, planId, valueId, evidenceId);
    void reply.headers({
      'Content-Type': evidence.mediaType,
      'Content-Disposition': attachmentDispositionFor(evidence.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    return file.content;
  }

  /** Removes a file: by whoever uploaded it, or a programme manager. */
  @Delete('values/:valueId/evidence/:evidenceId')
  @UuidPathParam('valueId')
  @UuidPathParam('evidenceId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  async removeEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('valueId', UuidParam) valueId: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
  ): Promise<void> {
    await this.evidence.remove(actor, planId, valueId, evidenceId);
  }

  /**
   * Validates a reporting period of the plan: its values are locked (a change needs a reason).
   * Validating a validated period answers its validation unchanged.
   */
  @Post('periods/:period/validation')
  @PeriodPathParam()
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(200)
  validate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('period', PeriodParam) period: string,
  ) {
    return this.validations.validate(actor, planId, period);
  }

  /** Reopens a validated period, saying why (`?reason=`, kept in the plan's history); 409 if not validated. */
  @Delete('periods/:period/validation')
  @PeriodPathParam()
  @RequireRoles('admin', 'programme_manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Reopened.' })
  @ApiConflictResponse({ description: 'The period is not validated.' })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @Param('period', PeriodParam) period: string,
    @Query() query: ReopenPeriodQuery,
  ): Promise<void> {
    await this.validations.reopen(actor, planId, period, query.reason);
  }
}
