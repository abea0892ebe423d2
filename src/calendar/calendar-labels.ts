import type { Locale } from '../users/user.entity';

export interface CalendarLabels {
  due: string;
  overdue: string;
  completed: string;
  cancelled: string;
  planEnds: string;
  agreementExpires: string;
  noticeDeadline: string;
  status: string;
  progress: string;
  lead: string;
  parties: string;
}

/** Event titles in the reader's language (the feed is read in their calendar, next to their own events). */
export const CALENDAR_LABELS: Record<Locale, CalendarLabels> = {
  fr: {
    due: 'Échéance',
    overdue: 'En retard',
    completed: 'Terminée',
    cancelled: 'Annulée',
    planEnds: "Fin du plan d'action",
    agreementExpires: "Expiration de l'accord",
    noticeDeadline: 'Date limite de préavis de non-renouvellement',
    status: 'Statut',
    progress: 'Avancement',
    lead: 'Chef de file',
    parties: 'Parties',
  },
  en: {
    due: 'Due',
    overdue: 'Overdue',
    completed: 'Completed',
    cancelled: 'Cancelled',
    planEnds: 'Action plan ends',
    agreementExpires: 'Agreement expires',
    noticeDeadline: 'Last day to give notice of non-renewal',
    status: 'Status',
    progress: 'Progress',
    lead: 'Lead',
    parties: 'Parties',
  },
  ar: {
    due: 'موعد الاستحقاق',
    overdue: 'متأخر',
    completed: 'منجز',
    cancelled: 'ملغى',
    planEnds: 'نهاية خطة العمل',
    agreementExpires: 'انتهاء الاتفاق',
    noticeDeadline: 'آخر أجل للإشعار بعدم التجديد',
    status: 'الحالة',
    progress: 'التقدم',
    lead: 'الطرف الرائد',
    parties: 'الأطراف',
  },
};
