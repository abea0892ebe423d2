// Stagnation nudges: their settings in the reminder rules screen.
import type { AreaMessages, Plural } from './languages';

const fr = {
  nudgeRulesLeadLabel: 'Parts sans nouvelles : rappel … jours avant la réunion',
  nudgeRulesLeadHint:
    'Les points focaux reçoivent la liste de leurs parts en cours restées sans mise à jour ; les gestionnaires, la liste par pays. Vide = aucun rappel.',
  nudgeRulesSilentLabel: 'Une part est sans nouvelles après … jours sans mise à jour',
  nudgeRulesSilentHint: 'Seules les parts ni réalisées ni annulées comptent.',
  nudgeRulesLine: 'Parts sans nouvelles avant une réunion du comité : {when}.',
  nudgeRulesSilentLine: {
    one: 'Une part en cours est sans nouvelles après un jour sans mise à jour.',
    other: 'Une part en cours est sans nouvelles après {n} jours sans mise à jour.',
  } as Plural,
};

export type NudgesMessages = typeof fr;

const en: NudgesMessages = {
  nudgeRulesLeadLabel: 'Silent parts: remind … days before the meeting',
  nudgeRulesLeadHint:
    'Focal points get the list of their open parts with no recent update; programme managers get the list per country. Empty = none.',
  nudgeRulesSilentLabel: 'A part is silent after … days without an update',
  nudgeRulesSilentHint: 'Only parts neither completed nor cancelled count.',
  nudgeRulesLine: 'Silent parts before a committee meeting: {when}.',
  nudgeRulesSilentLine: {
    one: 'An open part is silent after one day without an update.',
    other: 'An open part is silent after {n} days without an update.',
  },
};

const ar: NudgesMessages = {
  nudgeRulesLeadLabel: 'أجزاء دون تحديث: تذكير قبل الاجتماع بـ … يوم',
  nudgeRulesLeadHint:
    'يتلقى المنسقون قائمة أجزائهم المفتوحة التي لم تُحدَّث منذ مدة، ويتلقى مسؤولو البرنامج القائمة حسب البلد. فارغ = لا تذكير.',
  nudgeRulesSilentLabel: 'يُعدّ الجزء دون تحديث بعد … يوم',
  nudgeRulesSilentHint: 'لا تُحتسب إلا الأجزاء غير المنجزة وغير الملغاة.',
  nudgeRulesLine: 'الأجزاء دون تحديث قبل اجتماع اللجنة: {when}.',
  nudgeRulesSilentLine: {
    zero: 'يُعدّ الجزء المفتوح دون تحديث بعد {n} يوم.',
    one: 'يُعدّ الجزء المفتوح دون تحديث بعد يوم واحد.',
    two: 'يُعدّ الجزء المفتوح دون تحديث بعد يومين.',
    few: 'يُعدّ الجزء المفتوح دون تحديث بعد {n} أيام.',
    many: 'يُعدّ الجزء المفتوح دون تحديث بعد {n} يومًا.',
    other: 'يُعدّ الجزء المفتوح دون تحديث بعد {n} يوم.',
  },
};

export const nudges: AreaMessages<NudgesMessages> = { fr, en, ar };
