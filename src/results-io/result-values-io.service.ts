import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ImportRejected, type RowError } from '../activities/import/import-errors';
import { importFormatOf } from '../activities/import/import-formats';
import { parseCsvTable } from '../activities/import/readers/csv-table-reader';
import { parseXlsxTable } from '../activities/import/readers/xlsx-table-reader';
import type { UploadedFile } from '../activities/import/uploaded-file.decorator';
import type { ActionPlan } from '../action-plans/action-plan.entity';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { canReportResults } from '../common/auth/permissions';
import { Forbidden, InvalidInput } from '../common/errors/domain-errors';
import { XLSX_CONTENT_TYPE } from '../common/files/content-types';
import type { ExportFile } from '../common/files/export-file';
import { attachmentDisposition } from '../common/files/file-names';
import { Clock } from '../common/time/clock';
import { activitiesToCsv } from '../exports/csv/activities-csv';
import { periodsOfPlan } from '../results/reporting-periods';
import { ResultValueHistory } from '../results/result-value-history.entity';
import { ResultValue } from '../results/result-value.entity';
import { lockPlanPeriod, overwriteResultValue } from '../results/result-values.service';
import { changeNeedsReason } from '../results/value-rules';
import { checkValueRows, readValueRows, type ValueChange } from './value-rows';
import { valuesTable, type TableIndicator, type TableValue } from './values-table';
import { valuesToXlsx } from './values-xlsx';

export interface ValuesImportResult {
  /** Rows read that report something: created + updated + unchanged. */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A file that would change values of a party the importer does not report for: 403, rows named. */
export class ValuesImportForbidden extends Forbidden {
  constructor(readonly errors: RowError[]) {
    super(
      `The file was not imported: ${errors.length} row(s) change values of a party you do not report for. Nothing was imported.`,
    );
  }
}

interface PlanData {
  plan: ActionPlan;
  periods: string[];
  indicators: TableIndicator[];
  targets: { indicatorId: string; period: string; targetValue: number }[];
  values: TableValue[];
  validated: Set<string>;
}

/**
 * The indicator values of a plan as a file (CSV, XLSX) and back. Whoever reads the plan exports its
 * values (every party's, as the results screen shows them); the import applies a file in the same
 * layout as the values API would, row by row, in one transaction: all rows or none.
 */
@Injectable()
export class ResultValuesIoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly clock: Clock,
  ) {}

  async csv(actor: Actor, planId: string): Promise<ExportFile> {
    const { data, today } = await this.table(actor, planId);
    const { rows, columns } = valuesTable({ ...this.tableInput(data), today });
    return {
      body: activitiesToCsv(rows, columns),
      contentType: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(data.plan.title, 'indicator-values', today, 'csv'),
    };
  }

  async xlsx(actor: Actor, planId: string): Promise<ExportFile> {
    const { data, today } = await this.table(actor, planId);
    const { rows, columns } = valuesTable({ ...this.tableInput(data), today });
    return {
      body: await valuesToXlsx(rows, columns, data.plan.title),
      contentType: XLSX_CONTENT_TYPE,
      disposition: attachmentDisposition(data.plan.title, 'indicator-values', today, 'xlsx'),
    };
  }

  async import(actor: Actor, planId: string, file: UploadedFile): Promise<ValuesImportResult> {
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
    const rows = readValueRows(table);
    const data = await this.load(plan);
    const checked = checkValueRows(rows, {
      indicators: new Map(data.indicators.map((i) => [i.code, i])),
      periods: data.periods,
      partyCodes: plan.partyCodes,
      existing: new Map(data.values.map((v) => [`${v.indicatorId}|${v.period}|${v.partyCode}`, v])),
      validatedPeriods: data.validated,
      mayReport: (partyCode) => canReportResults(actor, partyCode),
    });
    if (checked.errors.length > 0) throw new ImportRejected(checked.errors);
    if (checked.forbidden.length > 0) throw new ValuesImportForbidden(checked.forbidden);

    let created = 0;
    if (checked.changes.length > 0) {
      await this.dataSource.transaction(async (em) => {
        for (const period of [...new Set(checked.changes.map((c) => c.period))].sort()) {
          await lockPlanPeriod(em, planId, period);
        }
        const validatedNow = await this.validatedPeriods(em, planId);
        const at = this.clock.now();
        for (const change of checked.changes) {
          created += (await this.apply(em, actor, planId, change, validatedNow, at)) ? 1 : 0;
        }
      });
    }
    return {
      imported: checked.changes.length + checked.unchanged,
      created,
      updated: checked.changes.length - created,
      unchanged: checked.unchanged,
    };
  }

  /**
   * One change, as ResultValuesService.put writes it (row, version + 1, history), re-checked under the
   * period's lock: a value changed or a period validated since the file was checked refuses the row
   * (and so the whole file). Answers whether the value was created.
   */
  private async apply(
    em: EntityManager,
    actor: Actor,
    planId: string,
    change: ValueChange,
    validated: ReadonlySet<string>,
    at: Date,
  ): Promise<boolean> {
    const existing = await em.findOne(ResultValue, {
      where: {
        indicatorId: change.indicatorId,
        period: change.period,
        partyCode: change.partyCode,
      },
      lock: { mode: 'pessimistic_write' },
    });
    if ((existing?.version ?? 0) !== change.expectedVersion) {
      throw new ImportRejected([
        {
          row: change.row,
          field: 'version',
          message: 'the value was changed while the file was imported; export it again',
        },
      ]);
    }
    const periodValidated = validated.has(change.period);
    if (changeNeedsReason(periodValidated, change.reason)) {
      throw new ImportRejected([
        {
          row: change.row,
          field: 'reason',
          message: `the period ${change.period} was validated meanwhile: say why the value changes`,
        },
      ]);
    }
    const next = { value: change.value, breakdown: change.breakdown, note: change.note };
    let id: string;
    if (existing) {
      id = (await overwriteResultValue(em, existing.id, next, actor, at)).id;
    } else {
      const saved = await em.save(
        em.create(ResultValue, {
          indicatorId: change.indicatorId,
          planId,
          period: change.period,
          partyCode: change.partyCode,
          ...next,
          reportedBy: actor.id,
          reportedAt: at,
        }),
      );
      id = saved.id;
    }
    await em.insert(ResultValueHistory, {
      valueId: id,
      actorId: actor.id,
      actorEmail: actor.email,
      at,
      fromValue: existing?.value ?? null,
      toValue: next.value,
      fromBreakdown: existing?.breakdown ?? null,
      toBreakdown: next.breakdown,
      fromNote: existing?.note ?? null,
      toNote: next.note,
      reason: change.reason,
      periodValidated,
    });
    return !existing;
  }

  private async table(actor: Actor, planId: string) {
    const { plan } = await this.plans.findVisible(actor, planId);
    return { data: await this.load(plan), today: this.plans.todayFor(plan) };
  }

  private tableInput(data: PlanData) {
    return {
      indicators: data.indicators,
      targets: data.targets,
      values: data.values,
      periods: data.periods,
      partyCodes: data.plan.partyCodes,
      validatedPeriods: data.validated,
    };
  }

  private async load(plan: ActionPlan): Promise<PlanData> {
    const m = this.dataSource.manager;
    const [indicators, targets, values, validated] = await Promise.all([
      m.query<TableIndicator[]>(
        `SELECT i.id, i.code, i.title, i.measure, i.unit,
                i.responsible_party_code AS "responsiblePartyCode", i.disaggregations
           FROM result_indicators i JOIN result_objectives o ON o.id = i.objective_id
          WHERE i.plan_id = $1
          ORDER BY o.position, o.code, i.position, i.code`,
        [plan.id],
      ),
      m.query<{ indicatorId: string; period: string; targetValue: number }[]>(
        `SELECT t.indicator_id AS "indicatorId", t.period, t.target_value::float8 AS "targetValue"
           FROM result_targets t JOIN result_indicators i ON i.id = t.indicator_id
          WHERE i.plan_id = $1`,
        [plan.id],
      ),
      m.find(ResultValue, { where: { planId: plan.id } }),
      this.validatedPeriods(m, plan.id),
    ]);
    return {
      plan,
      periods: periodsOfPlan(plan.startsOn, plan.endsOn, plan.reportingFrequency),
      indicators,
      targets,
      values: values.map((v) => ({
        indicatorId: v.indicatorId,
        period: v.period,
        partyCode: v.partyCode,
        value: v.value,
        breakdown: v.breakdown,
        note: v.note,
        version: v.version,
      })),
      validated,
    };
  }

  private async validatedPeriods(em: EntityManager, planId: string): Promise<Set<string>> {
    const rows = await em.query<{ period: string }[]>(
      `SELECT period FROM result_period_validations WHERE plan_id = $1`,
      [planId],
    );
    return new Set(rows.map((r) => r.period));
  }
}
