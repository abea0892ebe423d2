import { counted } from '../../notifications/templates/plurals';
import type { MailItem } from '../../notifications/templates/render-mail';
import type { Locale } from '../../users/user.entity';

/** What a stagnation nudge says, every value already formatted for the reader. */
export interface NudgeFacts {
  plan: string;
  /** The meeting's date, written out. */
  date: string;
  /** Days until the meeting (at least 1). */
  daysLeft: number;
  /** The silence threshold in days. */
  silentAfterDays: number;
  /** `focal`: one party's own parts; `manager`: every party's, one section each. */
  audience: 'focal' | 'manager';
  groups: {
    party: string;
    parts: { title: string; dueOn: string; daysSilent: number; href: string }[];
  }[];
}

export interface NudgeMail {
  subject: string;
  paragraphs: string[];
  sections: { heading: string; items: MailItem[] }[];
  closing: string[];
  open: string;
  footer: string;
}

interface Words {
  when: (daysLeft: number) => string;
  subject: (date: string, count: string, plan: string) => string;
  intro: (plan: string, date: string, when: string) => string;
  focalIntro: (party: string, threshold: string) => string;
  managerIntro: (threshold: string) => string;
  partyHeading: (party: string, count: string) => string;
  line: (title: string, due: string, silentFor: string) => string;
  ask: string;
  open: string;
  footer: string;
}

const WORDS: Record<Locale, Words> = {
  fr: {
    when: (n) => (n === 1 ? 'demain' : counted('fr', 'inDays', n)),
    subject: (d, c, p) => `Comité du ${d} : ${c} — ${p}`,
    intro: (p, d, w) => `Le comité de suivi du plan « ${p} » se réunit le ${d} (${w}).`,
    focalIntro: (party, n) =>
      `Ces parts de ${party} n’ont pas été mises à jour depuis au moins ${n} :`,
    managerIntro: (n) => `Parts en cours sans mise à jour depuis au moins ${n}, par pays :`,
    partyHeading: (party, c) => `${party} : ${c}`,
    line: (t, due, s) => `${t} — échéance le ${due} — sans mise à jour depuis ${s}`,
    ask: 'Mettez à jour leur statut, leur avancement ou leur note avant la réunion : le comité verra où en est chaque pays.',
    open: 'Ouvrir le plan dans Accords',
    footer:
      'Message automatique d’Accords. Vous pouvez désactiver ces rappels dans vos préférences.',
  },
  en: {
    when: (n) => (n === 1 ? 'tomorrow' : counted('en', 'inDays', n)),
    subject: (d, c, p) => `Committee on ${d}: ${c} — ${p}`,
    intro: (p, d, w) => `The follow-up committee of the plan "${p}" meets on ${d} (${w}).`,
    focalIntro: (party, n) => `These parts of ${party} have had no update for at least ${n}:`,
    managerIntro: (n) => `Open parts with no update for at least ${n}, by country:`,
    partyHeading: (party, c) => `${party}: ${c}`,
    line: (t, due, s) => `${t} — due ${due} — no update for ${s}`,
    ask: 'Please update their status, progress or note before the meeting, so that the committee sees where each country stands.',
    open: 'Open the plan in Accords',
    footer:
      'Automatic message from Accords. You can switch these reminders off in your preferences.',
  },
  ar: {
    when: (n) => (n === 1 ? 'غدًا' : counted('ar', 'inDays', n)),
    subject: (d, c, p) => `اجتماع اللجنة يوم ${d}: ${c} — ${p}`,
    intro: (p, d, w) => `تجتمع لجنة متابعة خطة العمل «${p}» يوم ${d} (${w}).`,
    focalIntro: (party, n) => `الأجزاء التالية من ${party} لم تُحدَّث منذ ${n} على الأقل:`,
    managerIntro: (n) => `الأجزاء المفتوحة التي لم تُحدَّث منذ ${n} على الأقل، حسب البلد:`,
    partyHeading: (party, c) => `${party}: ${c}`,
    line: (t, due, s) => `${t} — موعد الإنجاز ${due} — دون تحديث منذ ${s}`,
    ask: 'يرجى تحديث حالتها أو نسبة تقدمها أو ملاحظتها قبل الاجتماع، حتى ترى اللجنة وضع كل بلد.',
    open: 'فتح الخطة في Accords',
    footer: 'رسالة آلية من Accords. يمكنك إيقاف هذه التذكيرات من تفضيلاتك.',
  },
};

/**
 * A nudge in the reader's language: a focal point reads its own party's silent parts and is asked to
 * update them; a programme manager reads every party's, one section per country. Counts and day
 * phrases go through the plural rules (Arabic has six forms).
 */
export function nudgeMail(locale: Locale, f: NudgeFacts): NudgeMail {
  const w = WORDS[locale];
  const total = f.groups.reduce((n, g) => n + g.parts.length, 0);
  const threshold = counted(locale, 'days', f.silentAfterDays);
  const intro = w.intro(f.plan, f.date, w.when(f.daysLeft));
  const sections = f.groups.map((g) => ({
    heading:
      f.audience === 'focal'
        ? w.focalIntro(g.party, threshold)
        : w.partyHeading(g.party, counted(locale, 'silentParts', g.parts.length)),
    items: g.parts.map((p) => ({
      text: w.line(p.title, p.dueOn, counted(locale, 'days', p.daysSilent)),
      href: p.href,
    })),
  }));
  return {
    subject: w.subject(f.date, counted(locale, 'silentParts', total), f.plan),
    paragraphs: f.audience === 'focal' ? [intro] : [intro, w.managerIntro(threshold)],
    sections,
    closing: f.audience === 'focal' ? [w.ask] : [],
    open: w.open,
    footer: w.footer,
  };
}
