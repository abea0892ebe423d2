import { Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, RequireRoles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/errors/validation';
import { Post } from '../../idempotency/idempotent-post.decorator';
import { ActivitiesImportService } from './activities-import.service';
import { IMPORT_BODY_LIMIT, IMPORT_CONTENT_TYPES } from './import-formats';
import { UploadedFile, UploadedFileBody } from './uploaded-file.decorator';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('action-plans/:id/activities')
export class ImportController {
  constructor(private readonly imports: ActivitiesImportService) {}

  /**
   * Adds and updates activities from a CSV or XLSX file in the layout of `activities.csv`. Send the file
   * as the raw body. A row without `id` adds an activity; a row with the `id` of one of this plan's
   * activities updates it like a PATCH (empty cells leave a field as it is; a `version` cell must be the
   * current version), so an export edited and imported back changes what was edited and duplicates
   * nothing. `overdue` is ignored. All rows or none: any problem (an id of another plan, a stale
   * version, a bad value) answers 400 with `errors: [{ row, field, message }]`, where row 1 is the header
   * and row 2 the first activity. The answer counts `created`, `updated` and `unchanged` rows
   * (`imported` is their sum).
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
