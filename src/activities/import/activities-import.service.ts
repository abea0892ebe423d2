import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../../action-plans/action-plans.service';
import { PlanHistoryService } from '../../action-plans/plan-history.service';
import type { Actor } from '../../common/auth/actor';
import {
  ActivityCarriedOver,
  InvalidInput,
  VersionConflict,
} from '../../common/errors/domain-errors';
import { PartyDirectory } from '../../parties/party-directory';
import { ActivitiesService } from '../activities.service';
import { ActivityUpdatesService } from '../activity-updates.service';
import { ImportRejected } from './import-errors';
import { importFormatOf } from './import-formats';
import { readImportRows } from './import-rows';
import { parseCsvTable } from './readers/csv-table-reader';
import { parseXlsxTable } from './readers/xlsx-table-reader';
import type { UploadedFile } from './uploaded-file.decorator';
import { validateImportRows } from './validate-rows';

export interface ImportResult {
  /** Rows applied: created + updated + unchanged (kept for clients of the first version). */
  imported: number;
  created: number;
  updated: number;
  /** Rows with an id whose values were already those of the activity. */
  unchanged: number;
}

/**
 * Imports a file in the export's layout into a plan: rows without `id` add activities, rows with the id
 * of one of the plan's activities update it. Every row is validated first; then, in ONE transaction
 * holding the plan against renewal, new activities go in through ActivitiesService.insertMany, updates
 * through ActivityUpdatesService.applyChanges (version-checked, with history rows, as a PATCH), and the
 * import is recorded by PlanHistoryService. All rows or none: a row that fails inside the transaction
 * (changed meanwhile) rolls everything back and is reported against its row.
 */
@Injectable()
export class ActivitiesImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly activities: ActivitiesService,
    private readonly updates: ActivityUpdatesService,
    private readonly history: PlanHistoryService,
    private readonly parties: PartyDirectory,
  ) {}

  async import(actor: Actor, planId: string, file: UploadedFile): Promise<ImportResult> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const format = importFormatOf(file.contentType);
    if (!format || !Buffer.isBuffer(file.body)) {
      throw InvalidInput.field(
        'body',
        'send the file itself as the body, with Content-Type text/csv or ' +
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    }
    const table =
      format === 'csv' ? await parseCsvTable(file.body) : await parseXlsxTable(file.body);
    const rows = readImportRows(table);
    const ids = rows.flatMap((r) => (r.id !== undefined && isUuidLike(r.id) ? [r.id] : []));
    const [known, existing] = await Promise.all([
      this.parties.all(),
      this.activities.findInPlan(planId, [...new Set(ids)]),
    ]);
    const { activities, updates, errors } = await validateImportRows(
      rows,
      new Set(known.keys()),
      this.plans.todayFor(plan),
      existing,
    );
    if (errors.length > 0) throw new ImportRejected(errors);

    const changed = updates.filter((u) => u.changes.length > 0 || u.translated);
    const result: ImportResult = {
      imported: activities.length + updates.length,
      created: activities.length,
      updated: changed.length,
      unchanged: updates.length - changed.length,
    };
    await this.dataSource.transaction(async (em) => {
      await this.plans.holdAgainstRenewal(em, planId);
      await this.activities.insertMany(em, planId, activities, actor.id);
      for (const update of changed) {
        try {
          await this.updates.applyChanges(
            em,
            actor,
            update.id,
            update.expectedVersion,
            update.changes,
            null,
            update.translated ?? null,
          );
        } catch (error) {
          if (error instanceof VersionConflict) {
            throw new ImportRejected([
              {
                row: update.row,
                field: 'version',
                message: `the activity was changed while the file was imported (now version ${error.currentVersion}); export it again`,
              },
            ]);
          }
          if (error instanceof ActivityCarriedOver) {
            throw new ImportRejected([{ row: update.row, field: 'id', message: error.message }]);
          }
          throw error;
        }
      }
      await this.history.record(em, planId, actor, 'activities_imported', {
        imported: result.imported,
        created: result.created,
        updated: result.updated,
        format,
      });
    });
    return result;
  }
}

/** Only well-formed ids are looked up; validation reports the others against their rows. */
function isUuidLike(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
