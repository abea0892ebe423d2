import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { Post } from '../idempotency/idempotent-post.decorator';
import { ALLOWED_EVIDENCE_TYPES } from './evidence-content-types';
import { attachmentDispositionFor } from './evidence-file-names';
import { EVIDENCE_KINDS } from './evidence-kinds';
import { EvidenceService, type UploadedEvidenceFile } from './evidence.service';
import { EvidenceUploadErrors } from './evidence-upload.interceptor';
import { UploadEvidenceDto } from './dto/upload-evidence.dto';

/** The most a multipart part of an upload may hold; the real bound is EVIDENCE_MAX_BYTES (README). */
const DOCUMENTED_MAX_BYTES = 512 * 1024 * 1024;

const EVIDENCE_ID = {
  name: 'evidenceId',
  schema: { type: 'string' as const, format: 'uuid', maxLength: 36 },
};

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('activities/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /**
   * The activity's evidence (activity-level items have `partyCode: null`) and each party's checklist:
   * what its activity type requires, what is present, what is missing. A party's part counts its own
   * items and the activity-level ones.
   */
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.evidence.list(actor, id);
  }

  /**
   * Adds a file (multipart/form-data: `kind`, optional `partyCode`, and the `file` part). The type is
   * read from the content, not the name: PDF, PNG, JPEG, WebP, DOCX/XLSX/PPTX, ODT/ODS/ODP, or plain
   * text (valid UTF-8 without NUL bytes, .txt or .csv). A name or part type that disagrees with the
   * content → 415 naming `file`. Larger than EVIDENCE_MAX_BYTES (25 MB by default) → 413, nothing
   * stored. Evidence of a part is added by that party's focal point (another party's → 403);
   * activity-level evidence by a focal point of any party on it; programme managers and admins add
   * either. Recorded in the activity's history.
   */
  @Post()
  @UseInterceptors(EvidenceUploadErrors, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'file'],
      properties: {
        kind: { type: 'string', enum: [...EVIDENCE_KINDS], maxLength: 32 },
        partyCode: { type: 'string', maxLength: 16, pattern: '^[A-Z][A-Z0-9]{1,15}$' },
        file: {
          type: 'string',
          format: 'binary',
          maxLength: DOCUMENTED_MAX_BYTES,
          description: `One of: ${ALLOWED_EVIDENCE_TYPES.map((t) => t.mediaType).join(', ')}`,
        },
      },
    },
  })
  @ApiForbiddenResponse({ description: "Another party's part, or an observer." })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than EVIDENCE_MAX_BYTES.' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'The content is not an allowed type, or not the type its name or part claims.',
  })
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UploadEvidenceDto,
    @UploadedFile() file: UploadedEvidenceFile | undefined,
  ) {
    return this.evidence.upload(actor, id, dto, file);
  }

  /**
   * The file, as an attachment (never shown inline), with the media type detected at upload,
   * `X-Content-Type-Options: nosniff` and its SHA-256 as the ETag.
   */
  @Get(':evidenceId/content')
  @ApiParam(EVIDENCE_ID)
  @ApiProduces('application/octet-stream')
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { evidence, file } = await this.evidence.content(actor, id, evidenceId);
    void reply.headers({
      'Content-Type': evidence.mediaType,
      'Content-Disposition': attachmentDispositionFor(evidence.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${file.sha256}"`,
      // A document opened from the download never runs in the api's origin.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    return file.content;
  }

  /** Removes a piece of evidence and its file: by whoever uploaded it, or a programme manager. */
  @Delete(':evidenceId')
  @ApiParam(EVIDENCE_ID)
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('evidenceId', UuidParam) evidenceId: string,
  ): Promise<void> {
    await this.evidence.remove(actor, id, evidenceId);
  }
}
