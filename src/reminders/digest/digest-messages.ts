import type { Locale } from '../../users/user.entity';

export interface DigestWords {
  subject: (weekOf: string) => string;
  intro: string;
  overdueHeading: string;
  overdueLine: (party: string, count: number, titles: string) => string;
  dueSoonHeading: string;
  dueSoonLine: (title: string, date: string, party: string) => string;
  expiriesHeading: string;
  expiryLine: (title: string, date: string, days: number) => string;
  nothing: string;
  open: string;
  footer: string;
}

export const DIGEST_WORDS: Record<Locale, DigestWords> = {
  fr: {
    subject: (w) => `Accords — synthèse hebdomadaire (semaine du ${w})`,
    intro: 'Voici où en sont les plans d’action que vous suivez.',
    overdueHeading: 'Activités en retard, par partie',
    overdueLine: (p, n, t) => `${p} : ${n} en retard — ${t}`,
    dueSoonHeading: 'Échéances des 14 prochains jours',
    dueSoonLine: (t, d, p) => `${d} — ${t} (${p})`,
    expiriesHeading: 'Expirations dans les 180 jours',
    expiryLine: (t, d, n) => `${t} : ${d} (dans ${n} jours)`,
    nothing: 'Rien à signaler.',
    open: 'Ouvrir le tableau de bord',
    footer: 'Message automatique d’Accords, envoyé chaque lundi aux responsables de programme.',
  },
  en: {
    subject: (w) => `Accords — weekly digest (week of ${w})`,
    intro: 'Where the action plans you follow stand.',
    overdueHeading: 'Overdue activities by party',
    overdueLine: (p, n, t) => `${p}: ${n} overdue — ${t}`,
    dueSoonHeading: 'Due in the next 14 days',
    dueSoonLine: (t, d, p) => `${d} — ${t} (${p})`,
    expiriesHeading: 'Expiries within 180 days',
    expiryLine: (t, d, n) => `${t}: ${d} (in ${n} days)`,
    nothing: 'Nothing to report.',
    open: 'Open the dashboard',
    footer: 'Automatic message from Accords, sent every Monday to programme managers.',
  },
  ar: {
    subject: (w) => `Accords — الملخص الأسبوعي (أسبوع ${w})`,
    intro: 'هذا وضع خطط العمل التي تتابعونها.',
    overdueHeading: 'الأنشطة المتأخرة حسب الطرف',
    overdueLine: (p, n, t) => `${p}: ${n} متأخرة — ${t}`,
    dueSoonHeading: 'المواعيد خلال الأيام الأربعة عشر القادمة',
    dueSoonLine: (t, d, p) => `${d} — ${t} (${p})`,
    expiriesHeading: 'انتهاء السريان خلال 180 يومًا',
    expiryLine: (t, d, n) => `${t}: ${d} (بعد ${n} يومًا)`,
    nothing: 'لا شيء يُذكر.',
    open: 'فتح لوحة المتابعة',
    footer: 'رسالة آلية من Accords تُرسل كل يوم اثنين إلى مسؤولي البرنامج.',
  },
};
