import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../../action-plans/action-plans.service';
import { Activity } from '../activity.entity';
import type { Actor } from '../../common/auth/actor';
import { InvalidInput } from '../../common/errors/domain-errors';
import { Clock } from '../../common/time/clock';
import { parseCsvTable } from './readers/csv-table-reader';
import { PartyDirectory } from '../../parties/party-directory';
import { PlanHistory } from '../../action-plans/plan-history.entity';
import { parseXlsxTable } from './readers/xlsx-table-reader';
import { ImportRejected } from './import-errors';
import { importFormatOf } from './import-formats';
import { readImportRows } from './import-rows';
import type { UploadedFile } from './uploaded-file.decorator';
import { validateImportRows } from './validate-rows';

/** Inserted per statement: keeps each INSERT's parameter count far below PostgreSQL's 65 535. */
const INSERT_CHUNK = 200;

/**
 * Imports a file in the export's layout into a plan: every row is validated first, and either all
 * rows are inserted, in one transaction with a plan history entry, or none is.
 *
 * The rows are inserted here through the transaction's EntityManager rather than one by one through
 * ActivitiesService.create, which has no transactional variant; they go through the same validation
 * and creation rules (see validate-rows.ts), so the stored activities are the same.
 */
@Injectable()
export class ActivitiesImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly parties: PartyDirectory,
    private readonly clock: Clock,
  ) {}

  async import(actor: Actor, planId: string, file: UploadedFile): Promise<{ imported: number }> {
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
    const known = new Set((await this.parties.all()).keys());
    const { activities, errors } = await validateImportRows(rows, known, this.plans.todayFor(plan));
    if (errors.length > 0) throw new ImportRejected(errors);

    await this.dataSource.transaction(async (em) => {
      for (let i = 0; i < activities.length; i += INSERT_CHUNK) {
        await em.insert(
          Activity,
          activities.slice(i, i + INSERT_CHUNK).map((a) => ({ ...a, planId })),
        );
      }
      await em.insert(PlanHistory, {
        planId,
        actorId: actor.id,
        at: this.clock.now(),
        event: 'activities_imported',
        details: { imported: activities.length, format },
      });
    });
    return { imported: activities.length };
  }
}
