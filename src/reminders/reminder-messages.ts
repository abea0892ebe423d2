import type { RuleKind } from '../notifications/notification-kinds';
import { counted } from '../notifications/templates/plurals';
import type { Locale } from '../users/user.entity';

/** What a reminder says, before it is laid out as text or HTML. */
export interface ReminderFacts {
  ruleKind: Exclude<
    RuleKind,
    'weekly_digest' | 'stagnation_nudge' | 'results_due' | 'results_overdue'
  >;
  title: string;
  /** The plan of an activity, or the agreement of a plan. */
  context: string | null;
  /** The date, already formatted for the reader. */
  date: string;
  /** Days left (lead-time rules) or days overdue. */
  days: number;
  /** The parties concerned, by name in the reader's language ("Maroc et Côte d'Ivoire"). */
  parties: string | null;
  escalated: boolean;
  renewalMode: 'none' | 'tacit' | 'explicit' | null;
}

export interface ReminderWords {
  subject: string;
  lines: string[];
  open: string;
  footer: string;
}

type Catalogue = (f: ReminderFacts) => ReminderWords;

const fr: Catalogue = (f) => {
  const inDays =
    f.days === 0 ? "aujourd'hui" : f.days === 1 ? 'demain' : counted('fr', 'inDays', f.days);
  const late = counted('fr', 'days', f.days);
  const ctx = f.context ? ` (« ${f.context} »)` : '';
  const words: Record<ReminderFacts['ruleKind'], () => [string, string[]]> = {
    activity_due: () => [
      `Échéance ${inDays} : ${f.title}`,
      [`L'activité « ${f.title} »${ctx} arrive à échéance le ${f.date}.`],
    ],
    activity_overdue: () => [
      `${f.escalated ? '[Escalade] ' : ''}En retard de ${late} : ${f.title}`,
      [
        `L'activité « ${f.title} »${ctx} devait être achevée le ${f.date} ; elle a ${late} de retard.`,
        ...(f.escalated ? ['Ce retard est signalé aux responsables de programme.'] : []),
      ],
    ],
    agreement_expiry: () => [
      `Expiration ${inDays} : ${f.title}`,
      [`L'accord « ${f.title} » cesse d'être en vigueur après le ${f.date}.`],
    ],
    plan_expiry: () => [
      `Fin du plan d'action ${inDays} : ${f.title}`,
      [`Le plan d'action « ${f.title} »${ctx} prend fin le ${f.date}.`],
    ],
    notice_deadline: () => [
      `Date limite de préavis ${inDays} : ${f.title}`,
      [
        `Le ${f.date} est le dernier jour pour notifier une décision sur le renouvellement de « ${f.title} ».`,
        f.renewalMode === 'tacit'
          ? "Sans préavis de non-renouvellement, l'accord sera renouvelé tacitement."
          : "Sans décision enregistrée, l'accord prendra fin à son échéance.",
      ],
    ],
    agreement_notification_missing: () => [
      `Notification attendue : ${f.title}`,
      [
        `« ${f.title} », signé le ${f.date}, n'est pas encore entré en vigueur : ${late} après la signature, la notification de l'accomplissement des procédures internes est toujours attendue des parties ci-dessous.`,
      ],
    ],
    denunciation_effect: () => [
      `Fin par dénonciation ${inDays} : ${f.title}`,
      [
        `La dénonciation de « ${f.title} » prend effet le ${f.date} : l'accord cesse d'être en vigueur ce jour-là.`,
        "Tant qu'elle n'a pas pris effet, la dénonciation peut être retirée.",
      ],
    ],
  };
  const [subject, lines] = words[f.ruleKind]();
  return {
    subject,
    lines: f.parties ? [...lines, `Parties : ${f.parties}.`] : lines,
    open: 'Ouvrir dans Accords',
    footer:
      'Message automatique d’Accords. Vous pouvez désactiver ces rappels dans vos préférences.',
  };
};

const en: Catalogue = (f) => {
  const inDays =
    f.days === 0 ? 'today' : f.days === 1 ? 'tomorrow' : counted('en', 'inDays', f.days);
  const late = counted('en', 'days', f.days);
  const ctx = f.context ? ` ("${f.context}")` : '';
  const words: Record<ReminderFacts['ruleKind'], () => [string, string[]]> = {
    activity_due: () => [
      `Due ${inDays}: ${f.title}`,
      [`The activity "${f.title}"${ctx} is due on ${f.date}.`],
    ],
    activity_overdue: () => [
      `${f.escalated ? '[Escalated] ' : ''}Overdue by ${late}: ${f.title}`,
      [
        `The activity "${f.title}"${ctx} was due on ${f.date} and is ${late} overdue.`,
        ...(f.escalated ? ['This delay has been escalated to the programme managers.'] : []),
      ],
    ],
    agreement_expiry: () => [
      `Expires ${inDays}: ${f.title}`,
      [`The agreement "${f.title}" is in force until ${f.date}.`],
    ],
    plan_expiry: () => [
      `Action plan ends ${inDays}: ${f.title}`,
      [`The action plan "${f.title}"${ctx} ends on ${f.date}.`],
    ],
    notice_deadline: () => [
      `Notice deadline ${inDays}: ${f.title}`,
      [
        `${f.date} is the last day to give notice about the renewal of "${f.title}".`,
        f.renewalMode === 'tacit'
          ? 'Without a notice of non-renewal, the agreement renews tacitly.'
          : 'Without a recorded decision, the agreement ends when its term expires.',
      ],
    ],
    agreement_notification_missing: () => [
      `Notification awaited: ${f.title}`,
      [
        `"${f.title}", signed on ${f.date}, has not entered into force: ${late} after signature, the notification that internal procedures are complete is still awaited from the parties below.`,
      ],
    ],
    denunciation_effect: () => [
      `Ends by denunciation ${inDays}: ${f.title}`,
      [
        `The denunciation of "${f.title}" takes effect on ${f.date}: the agreement ceases to be in force that day.`,
        'Until it takes effect, the denunciation may be withdrawn.',
      ],
    ],
  };
  const [subject, lines] = words[f.ruleKind]();
  return {
    subject,
    lines: f.parties ? [...lines, `Parties: ${f.parties}.`] : lines,
    open: 'Open in Accords',
    footer:
      'Automatic message from Accords. You can switch these reminders off in your preferences.',
  };
};

const ar: Catalogue = (f) => {
  const inDays = f.days === 0 ? 'اليوم' : f.days === 1 ? 'غدًا' : counted('ar', 'inDays', f.days);
  const late = counted('ar', 'days', f.days);
  const ctx = f.context ? ` («${f.context}»)` : '';
  const words: Record<ReminderFacts['ruleKind'], () => [string, string[]]> = {
    activity_due: () => [
      `موعد الإنجاز ${inDays}: ${f.title}`,
      [`يحل موعد إنجاز النشاط «${f.title}»${ctx} في ${f.date}.`],
    ],
    activity_overdue: () => [
      `${f.escalated ? '[تصعيد] ' : ''}متأخر ${late}: ${f.title}`,
      [
        `كان من المقرر إنجاز النشاط «${f.title}»${ctx} في ${f.date}، وهو متأخر ${late}.`,
        ...(f.escalated ? ['تم إبلاغ مسؤولي البرنامج بهذا التأخير.'] : []),
      ],
    ],
    agreement_expiry: () => [
      `انتهاء السريان ${inDays}: ${f.title}`,
      [`يظل الاتفاق «${f.title}» ساريًا حتى ${f.date}.`],
    ],
    plan_expiry: () => [
      `انتهاء خطة العمل ${inDays}: ${f.title}`,
      [`تنتهي خطة العمل «${f.title}»${ctx} في ${f.date}.`],
    ],
    notice_deadline: () => [
      `آخر أجل للإشعار ${inDays}: ${f.title}`,
      [
        `يوم ${f.date} هو آخر أجل للإشعار بشأن تجديد «${f.title}».`,
        f.renewalMode === 'tacit'
          ? 'في غياب إشعار بعدم التجديد، يتجدد الاتفاق ضمنيًا.'
          : 'في غياب قرار مسجل، ينتهي الاتفاق عند انقضاء مدته.',
      ],
    ],
    agreement_notification_missing: () => [
      `إشعار منتظر: ${f.title}`,
      [
        `لم يدخل «${f.title}»، الموقع في ${f.date}، حيز التنفيذ بعد: مرت ${late} على التوقيع ولا يزال الإشعار باستكمال الإجراءات الداخلية منتظرًا من الأطراف أدناه.`,
      ],
    ],
    denunciation_effect: () => [
      `الانتهاء بالنقض ${inDays}: ${f.title}`,
      [
        `يسري نقض «${f.title}» في ${f.date}: يتوقف نفاذ الاتفاق في ذلك اليوم.`,
        'يجوز سحب النقض ما لم يسر بعد.',
      ],
    ],
  };
  const [subject, lines] = words[f.ruleKind]();
  return {
    subject,
    lines: f.parties ? [...lines, `الأطراف: ${f.parties}.`] : lines,
    open: 'فتح في Accords',
    footer: 'رسالة آلية من Accords. يمكنك إيقاف هذه التذكيرات من تفضيلاتك.',
  };
};

export const REMINDER_CATALOGUES: Record<Locale, Catalogue> = { fr, en, ar };
