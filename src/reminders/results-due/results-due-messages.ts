import { counted } from '../../notifications/templates/plurals';
import type { MailItem } from '../../notifications/templates/render-mail';
import type { Locale } from '../../users/user.entity';
import type { ResultsRuleKind } from './results-due-rules';

/** What a reporting reminder says, every value already formatted for the reader. */
export interface ResultsDueFacts {
  kind: ResultsRuleKind;
  plan: string;
  /** The reporting period, written out ("1er semestre 2025", "Q3 2025"). */
  period: string;
  party: string;
  /** The report's due date, written out. */
  dueOn: string;
  /** Days left before the due date (results_due) or days past it (results_overdue). */
  days: number;
  /** The party's indicators with no value yet for the period. */
  missing: MailItem[];
}

export interface ResultsDueMail {
  subject: string;
  paragraphs: string[];
  section: { heading: string; items: MailItem[] };
  open: string;
  footer: string;
}

interface Words {
  when: (days: number) => string;
  dueSubject: (when: string, period: string, plan: string) => string;
  overdueSubject: (late: string, period: string, plan: string) => string;
  due: (plan: string, period: string, party: string, date: string) => string;
  overdue: (plan: string, period: string, party: string, date: string, late: string) => string;
  heading: (count: string) => string;
  ask: string;
  open: string;
  footer: string;
}

const WORDS: Record<Locale, Words> = {
  fr: {
    when: (n) => (n === 0 ? 'aujourd’hui' : n === 1 ? 'demain' : counted('fr', 'inDays', n)),
    dueSubject: (w, p, plan) => `Rapport de résultats ${p} attendu ${w} — ${plan}`,
    overdueSubject: (l, p, plan) => `Rapport de résultats ${p} en retard de ${l} — ${plan}`,
    due: (plan, p, party, d) =>
      `Les valeurs des indicateurs du plan « ${plan} » pour la période ${p} sont attendues de ${party} au plus tard le ${d}.`,
    overdue: (plan, p, party, d, l) =>
      `Les valeurs des indicateurs du plan « ${plan} » pour la période ${p} étaient attendues de ${party} le ${d} ; le rapport a ${l} de retard.`,
    heading: (c) => `Reste à renseigner : ${c}`,
    ask: 'Saisissez-les dans l’écran des résultats du plan (ou importez le fichier des valeurs).',
    open: 'Ouvrir les résultats du plan',
    footer:
      'Message automatique d’Accords. Vous pouvez désactiver ces rappels dans vos préférences.',
  },
  en: {
    when: (n) => (n === 0 ? 'today' : n === 1 ? 'tomorrow' : counted('en', 'inDays', n)),
    dueSubject: (w, p, plan) => `Results report for ${p} due ${w} — ${plan}`,
    overdueSubject: (l, p, plan) => `Results report for ${p} overdue by ${l} — ${plan}`,
    due: (plan, p, party, d) =>
      `The indicator values of the plan "${plan}" for ${p} are due from ${party} by ${d}.`,
    overdue: (plan, p, party, d, l) =>
      `The indicator values of the plan "${plan}" for ${p} were due from ${party} on ${d}; the report is ${l} overdue.`,
    heading: (c) => `Still to report: ${c}`,
    ask: 'Enter them on the plan’s results screen (or import the values file).',
    open: 'Open the plan’s results',
    footer:
      'Automatic message from Accords. You can switch these reminders off in your preferences.',
  },
  ar: {
    when: (n) => (n === 0 ? 'اليوم' : n === 1 ? 'غدًا' : counted('ar', 'inDays', n)),
    dueSubject: (w, p, plan) => `تقرير النتائج عن ${p} مطلوب ${w} — ${plan}`,
    overdueSubject: (l, p, plan) => `تقرير النتائج عن ${p} متأخر ${l} — ${plan}`,
    due: (plan, p, party, d) =>
      `قيم مؤشرات خطة العمل «${plan}» عن الفترة ${p} مطلوبة من ${party} في أجل أقصاه ${d}.`,
    overdue: (plan, p, party, d, l) =>
      `كانت قيم مؤشرات خطة العمل «${plan}» عن الفترة ${p} مطلوبة من ${party} في ${d}، والتقرير متأخر ${l}.`,
    heading: (c) => `ما زال يتعين إدخال: ${c}`,
    ask: 'أدخلها في شاشة نتائج الخطة (أو استورد ملف القيم).',
    open: 'فتح نتائج الخطة',
    footer: 'رسالة آلية من Accords. يمكنك إيقاف هذه التذكيرات من تفضيلاتك.',
  },
};

/**
 * A reporting reminder in the reader's language: which period, which party, by when (or how late),
 * and the indicators still without a value, each linked to the plan's results screen.
 */
export function resultsDueMail(locale: Locale, f: ResultsDueFacts): ResultsDueMail {
  const w = WORDS[locale];
  const late = counted(locale, 'days', f.days);
  const overdue = f.kind === 'results_overdue';
  return {
    subject: overdue
      ? w.overdueSubject(late, f.period, f.plan)
      : w.dueSubject(w.when(f.days), f.period, f.plan),
    paragraphs: [
      overdue
        ? w.overdue(f.plan, f.period, f.party, f.dueOn, late)
        : w.due(f.plan, f.period, f.party, f.dueOn),
      w.ask,
    ],
    section: {
      heading: w.heading(counted(locale, 'missingIndicators', f.missing.length)),
      items: f.missing,
    },
    open: w.open,
    footer: w.footer,
  };
}

const HALVES: Record<Locale, [string, string]> = {
  fr: ['1er semestre', '2e semestre'],
  en: ['first half of', 'second half of'],
  ar: ['النصف الأول من', 'النصف الثاني من'],
};
const QUARTERS: Record<Locale, string[]> = {
  fr: ['1er trimestre', '2e trimestre', '3e trimestre', '4e trimestre'],
  en: ['Q1', 'Q2', 'Q3', 'Q4'],
  ar: ['الربع الأول من', 'الربع الثاني من', 'الربع الثالث من', 'الربع الرابع من'],
};

/** A reporting period key (`2025-H1`, `2025-Q3`, `2025`) written out for the reader. */
export function periodLabel(period: string, locale: Locale): string {
  const m = /^(\d{4})(?:-([HQ])([1-4]))?$/.exec(period);
  if (!m) return period;
  const [, year, kind, n] = m;
  if (!kind) return year;
  const names = kind === 'H' ? HALVES[locale] : QUARTERS[locale];
  return `${names[Number(n) - 1]} ${year}`;
}
