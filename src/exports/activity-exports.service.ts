import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/time/clock';
import { XLSX_CONTENT_TYPE } from '../common/files/content-types';
import { cellRowsToCsv } from './csv/activities-csv';
import type { ExportFile } from '../common/files/export-file';
import type { ExportActivitiesQuery } from './exports.query';
import { attachmentDisposition } from '../common/files/file-names';
import { ActivityStartDates } from './iati/activity-start-dates';
import { prepareIatiResults } from './iati/iati-results';
import { IatiResultsReader } from './iati/iati-results.reader';
import { buildIatiXml } from './iati/iati-xml';
import { REPORTING_ORG } from './iati/reporting-org';
import { MoneyReader } from '../money/money-reader';
import { PartyDirectory } from '../parties/party-directory';
import { PlanActivitiesReader } from '../activities/plan-activities.reader';
import { activitiesToXlsx } from './xlsx/activities-xlsx';
import { exportTable } from './export-table';

/** The plan's activities, filtered like the list, as CSV, XLSX or IATI XML. */
@Injectable()
export class ActivityExportsService {
  constructor(
    private readonly reader: PlanActivitiesReader,
    private readonly agreements: AgreementsService,
    private readonly parties: PartyDirectory,
    private readonly startDates: ActivityStartDates,
    private readonly results: IatiResultsReader,
    private readonly clock: Clock,
    private readonly money: MoneyReader,
  ) {}

  async csv(actor: Actor, planId: string, filters: ExportActivitiesQuery): Promise<ExportFile> {
    const { plan, rows, today } = await this.reader.readCells(actor, planId, filters);
    return {
      body: cellRowsToCsv(rows),
      contentType: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(plan.title, 'activities', today, 'csv'),
    };
  }

  async xlsx(actor: Actor, planId: string, filters: ExportActivitiesQuery): Promise<ExportFile> {
    const { plan, activities, today } = await this.reader.read(actor, planId, filters);
    const { rows, columns } = exportTable(activities);
    return {
      body: await activitiesToXlsx(rows, plan.title, columns),
      contentType: XLSX_CONTENT_TYPE,
      disposition: attachmentDisposition(plan.title, 'activities', today, 'xlsx'),
    };
  }

  async iati(actor: Actor, planId: string, filters: ExportActivitiesQuery): Promise<ExportFile> {
    const { plan, activities, today } = await this.reader.read(actor, planId, filters);
    const [agreement, parties, actualStarts, money, results] = await Promise.all([
      this.agreements.get(actor, plan.agreementId),
      this.parties.all(),
      this.startDates.forPlan(plan.id, plan.timeZone),
      this.money.forActivities(activities.map((a) => a.id)),
      // In the file's default language (iati-xml.ts), French.
      this.results.forPlan(plan.id, 'fr'),
    ]);
    const body = buildIatiXml({
      reportingOrg: REPORTING_ORG,
      generatedAt: this.clock.now(),
      today,
      plan,
      agreement: {
        title: agreement.title,
        translations: agreement.translations,
        signedOn: agreement.signedOn,
        partyCodes: agreement.partyCodes,
        // Donors read the file without an account: never the API's own (signed-in) route.
        url: agreement.publicDocumentUrl,
        format: documentFormat(agreement),
      },
      activities,
      parties,
      actualStarts,
      money: { plan, byActivity: money },
      results: prepareIatiResults(results, activities),
    });
    return {
      body,
      contentType: 'application/xml; charset=utf-8',
      disposition: attachmentDisposition(plan.title, 'iati', today, 'xml'),
    };
  }
}

/** The published text's type as its address says (IATI FileFormat); the public summary is HTML. */
function documentFormat(agreement: { documentUrl: string | null }): string {
  if (!agreement.documentUrl) return 'text/html';
  const path = new URL(agreement.documentUrl).pathname.toLowerCase();
  if (path.endsWith('.pdf')) return 'application/pdf';
  if (path.endsWith('.docx')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  if (path.endsWith('.doc')) return 'application/msword';
  return 'text/html';
}
