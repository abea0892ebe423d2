import type { ActivityStatus } from '../activities/activity-rules';
import type { ActivityType } from '../activities/activity.entity';
import { LANGUAGE_INFO, MESSAGES, type Language } from '../dashboard/i18n';

/**
 * The words of a calendar feed. Activity vocabulary (status and type names, field names, "overdue",
 * "deadline") comes from the dashboard's dictionary itself, so that the feed says "Réalisée" where the
 * page does, never a code. Only the feed's own event titles (plan end, expiry, notice) live here.
 */
export interface CalendarLabels {
  statusNames: Record<ActivityStatus, string>;
  typeNames: Record<ActivityType, string>;
  /** Event prefix of an open activity: its deadline. */
  due: string;
  overdue: string;
  status: string;
  type: string;
  progress: string;
  lead: string;
  parties: string;
  /** `{label} : {value}` in French, `{label}: {value}` elsewhere. */
  pair: string;
  listSeparator: string;
  /** BCP 47 tag for numbers (Latin digits in Moroccan Arabic, as the page). */
  locale: string;
  planEnds: string;
  agreementExpires: string;
  noticeDeadline: string;
}

/** Titles of the plan's and agreement's own events, which the dashboard does not show as such. */
const FEED_EVENTS: Record<
  Language,
  Pick<CalendarLabels, 'planEnds' | 'agreementExpires' | 'noticeDeadline'>
> = {
  fr: {
    planEnds: "Fin du plan d'action",
    agreementExpires: "Expiration de l'accord",
    noticeDeadline: 'Date limite de préavis de non-renouvellement',
  },
  en: {
    planEnds: 'Action plan ends',
    agreementExpires: 'Agreement expires',
    noticeDeadline: 'Last day to give notice of non-renewal',
  },
  ar: {
    planEnds: 'نهاية خطة العمل',
    agreementExpires: 'انتهاء الاتفاق',
    noticeDeadline: 'آخر أجل للإشعار بعدم التجديد',
  },
};

export function calendarLabels(language: string): CalendarLabels {
  const lang: Language = language in MESSAGES ? (language as Language) : 'fr';
  const m = MESSAGES[lang];
  return {
    statusNames: m.statusNames,
    typeNames: m.typeNames,
    due: m.dueOn,
    overdue: m.overdueBadge,
    status: m.status,
    type: m.type,
    progress: m.progress,
    lead: m.lead,
    parties: m.parties,
    pair: m.pair,
    listSeparator: m.listSeparator,
    locale: LANGUAGE_INFO[lang].locale,
    ...FEED_EVENTS[lang],
  };
}
