import { daysToExpiry } from '../agreements/agreement-terms';
import type { Translations } from '../common/i18n/translations';
import type { CalendarDate } from '../common/time/calendar-date';
import type { ReportingFrequency } from '../results/result-rules';
import type { ActionPlan } from './action-plan.entity';

export interface ActionPlanView {
  id: string;
  agreementId: string;
  title: string;
  /** Title (and description) in other languages; the original `title` stays as written. */
  translations: Translations;
  partyCodes: string[];
  startsOn: CalendarDate;
  durationMonths: number;
  /** Last day of the plan's term. */
  endsOn: CalendarDate;
  daysToExpiry: number;
  renewable: boolean;
  timeZone: string;
  previousPlanId: string | null;
  /** The two languages, in order, of its committee packs. */
  packLanguages: string[];
  /** `half_year` or `quarter`: the plan's results reporting periods. */
  reportingFrequency: ReportingFrequency;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toActionPlanView(plan: ActionPlan, today: CalendarDate): ActionPlanView {
  return {
    id: plan.id,
    agreementId: plan.agreementId,
    title: plan.title,
    translations: plan.translations ?? {},
    partyCodes: plan.partyCodes,
    startsOn: plan.startsOn,
    durationMonths: plan.durationMonths,
    endsOn: plan.endsOn,
    daysToExpiry: daysToExpiry(plan.endsOn, today),
    renewable: plan.renewable,
    timeZone: plan.timeZone,
    previousPlanId: plan.previousPlanId,
    packLanguages: plan.packLanguages,
    reportingFrequency: plan.reportingFrequency,
    version: plan.version,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}
