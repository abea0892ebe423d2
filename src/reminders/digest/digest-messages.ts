import { counted } from '../../notifications/templates/plurals';
import type { Locale } from '../../users/user.entity';

export interface DigestWords {
  subject: (weekOf: string) => string;
  intro: string;
  overdueHeading: string;
  /** "Maroc : 6 activités en retard" (the count phrase comes from the plural rules). */
  partyHeading: (party: string, count: string) => string;
  overdueLine: (title: string, plan: string, date: string) => string;
  /**
   * Last line under a party whose overdue activities are not all named: "… et 6 autres" (`more` is the
   * counted phrase `more`), linked to the dashboard.
   */
  overdueMore: (more: string) => string;
  dueSoonHeading: string;
  dueSoonLine: (title: string, plan: string, date: string, party: string) => string;
  expiriesHeading: string;
  /** `when` is "dans 12 jours" / "aujourd'hui", from the plural rules. */
  expiryLine: (kind: 'agreement' | 'plan', title: string, date: string, when: string) => string;
  today: string;
  nothing: string;
  open: string;
  footer: string;
}

export const DIGEST_WORDS: Record<Locale, DigestWords> = {
  fr: {
    subject: (w) => `Accords — synthèse hebdomadaire (semaine du ${w})`,
    intro: 'Voici où en sont les plans d’action que vous suivez.',
    overdueHeading: 'Activités en retard, par partie :',
    partyHeading: (p, n) => `${p} : ${n}`,
    overdueLine: (t, plan, d) => `${t} (plan « ${plan} ») — échéance le ${d}`,
    overdueMore: (more) => `… ${more}`,
    dueSoonHeading: 'Échéances des 14 prochains jours',
    dueSoonLine: (t, plan, d, p) => `${d} — ${t} (plan « ${plan} », chef de file : ${p})`,
    expiriesHeading: 'Expirations dans les 180 jours',
    expiryLine: (k, t, d, when) =>
      `${k === 'agreement' ? 'Accord' : 'Plan d’action'} « ${t} » : ${d} (${when})`,
    today: 'aujourd’hui',
    nothing: 'Rien à signaler.',
    open: 'Ouvrir le tableau de bord',
    footer: 'Message automatique d’Accords, envoyé chaque lundi aux responsables de programme.',
  },
  en: {
    subject: (w) => `Accords — weekly digest (week of ${w})`,
    intro: 'Where the action plans you follow stand.',
    overdueHeading: 'Overdue activities by party:',
    partyHeading: (p, n) => `${p}: ${n}`,
    overdueLine: (t, plan, d) => `${t} (plan "${plan}") — due ${d}`,
    overdueMore: (more) => `… ${more}`,
    dueSoonHeading: 'Due in the next 14 days',
    dueSoonLine: (t, plan, d, p) => `${d} — ${t} (plan "${plan}", lead: ${p})`,
    expiriesHeading: 'Expiries within 180 days',
    expiryLine: (k, t, d, when) =>
      `${k === 'agreement' ? 'Agreement' : 'Action plan'} "${t}": ${d} (${when})`,
    today: 'today',
    nothing: 'Nothing to report.',
    open: 'Open the dashboard',
    footer: 'Automatic message from Accords, sent every Monday to programme managers.',
  },
  ar: {
    subject: (w) => `Accords — الملخص الأسبوعي (أسبوع ${w})`,
    intro: 'هذا وضع خطط العمل التي تتابعونها.',
    overdueHeading: 'الأنشطة المتأخرة حسب الطرف:',
    partyHeading: (p, n) => `${p}: ${n}`,
    overdueLine: (t, plan, d) => `${t} (خطة «${plan}») — موعد الإنجاز ${d}`,
    overdueMore: (more) => `… ${more}`,
    dueSoonHeading: 'المواعيد خلال الأيام الأربعة عشر القادمة',
    dueSoonLine: (t, plan, d, p) => `${d} — ${t} (خطة «${plan}»، الطرف الرائد: ${p})`,
    expiriesHeading: 'انتهاء السريان خلال 180 يومًا',
    expiryLine: (k, t, d, when) =>
      `${k === 'agreement' ? 'الاتفاق' : 'خطة العمل'} «${t}»: ${d} (${when})`,
    today: 'اليوم',
    nothing: 'لا شيء يُذكر.',
    open: 'فتح لوحة المتابعة',
    footer: 'رسالة آلية من Accords تُرسل كل يوم اثنين إلى مسؤولي البرنامج.',
  },
};

/** The last line under a party with `more` overdue activities left unnamed: "… et 6 autres". */
export function overdueMoreLine(locale: Locale, more: number): string {
  return DIGEST_WORDS[locale].overdueMore(counted(locale, 'more', more));
}
