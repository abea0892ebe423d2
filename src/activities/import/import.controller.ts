import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, RequireRoles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/errors/validation';
import { ActivitiesImportService } from './activities-import.service';
import { IMPORT_BODY_LIMIT, IMPORT_CONTENT_TYPES } from './import-formats';
import { UploadedFile, UploadedFileBody } from './uploaded-file.decorator';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('action-plans/:id/activities')
export class ImportController {
  constructor(private readonly imports: ActivitiesImportService) {}

  /**
   * Adds activities from a CSV or XLSX file in the layout of `activities.csv` (columns `id` and
   * `overdue` are ignored). Send the file as the raw body. All rows or none: any problem answers 400
   * with `errors: [{ row, field, message }]`, where row 1 is the header and row 2 the first activity.
   */
  @Post('import')
  @RequireRoles('admin', 'programme_manager')
  @ApiConsumes(...IMPORT_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: IMPORT_BODY_LIMIT } })
  import(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) planId: string,
    @UploadedFileBody() file: UploadedFile,
  ) {
    return this.imports.import(actor, planId, file);
  }
}
