import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/time/clock';
import { attachmentDisposition } from '../common/files/file-names';
import { PlanActivitiesReader } from '../activities/plan-activities.reader';
import type { ExportFile } from '../common/files/export-file';
import { CALENDAR_LABELS } from './calendar-labels';
import { buildPlanCalendar } from './plan-calendar';

@Injectable()
export class PlanCalendarService {
  constructor(
    private readonly reader: PlanActivitiesReader,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  /** Every activity of the plan (overdue ones included), the plan's end, the agreement's dates. */
  async export(actor: Actor, planId: string): Promise<ExportFile> {
    const { plan, activities, today } = await this.reader.read(actor, planId);
    // The agreement view computes expiry and notice deadline (computeTerm) after any tacit renewal.
    const agreement = await this.agreements.get(actor, plan.agreementId);
    const body = buildPlanCalendar({
      plan,
      agreement,
      activities,
      labels: CALENDAR_LABELS[actor.locale] ?? CALENDAR_LABELS.fr,
      now: this.clock.now(),
    });
    return {
      body,
      contentType: 'text/calendar; charset=utf-8',
      disposition: attachmentDisposition(plan.title, 'calendar', today, 'ics'),
    };
  }
}
