import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/time/clock';
import { pageLink } from '../common/i18n/page-links';
import { AppConfig } from '../config/app-config';
import { PartiesService } from '../parties/parties.service';
import { partyName } from '../parties/party-names';
import { attachmentDisposition } from '../common/files/file-names';
import { PlanActivitiesReader } from '../activities/plan-activities.reader';
import type { ExportFile } from '../common/files/export-file';
import { calendarLabels } from './calendar-labels';
import { asSeenByParty } from './own-part';
import { buildPlanCalendar } from './plan-calendar';

@Injectable()
export class PlanCalendarService {
  constructor(
    private readonly reader: PlanActivitiesReader,
    private readonly agreements: AgreementsService,
    private readonly parties: PartiesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Every activity of the plan (overdue ones included), the plan's end, the agreement's dates; for a
   * focal point, each activity as their own party's part stands (own-part.ts).
   */
  async export(actor: Actor, planId: string): Promise<ExportFile> {
    const { plan, activities, today } = await this.reader.read(actor, planId);
    // The agreement view computes expiry and notice deadline (computeTerm) after any tacit renewal.
    const [agreement, parties] = await Promise.all([
      this.agreements.get(actor, plan.agreementId),
      this.parties.directory(),
    ]);
    const language = actor.locale ?? 'fr';
    const ownParty = actor.role === 'focal_point' ? actor.partyCode : null;
    const body = buildPlanCalendar({
      plan,
      agreement,
      activities: activities.map((a) => asSeenByParty(a, ownParty)),
      labels: calendarLabels(language),
      now: this.clock.now(),
      reader: {
        language,
        partyName: (code) => partyName(code, parties, language),
        link: (anchor) => pageLink(this.config.PUBLIC_URL, anchor, language),
      },
    });
    return {
      body,
      contentType: 'text/calendar; charset=utf-8',
      disposition: attachmentDisposition(plan.title, 'calendar', today, 'ics'),
    };
  }
}
