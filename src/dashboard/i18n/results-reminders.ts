// Reporting-due reminders for plans' results: their settings in the reminder rules screen.
import type { AreaMessages, Plural } from './languages';

const fr = {
  resRemLeadLabel: 'Rapport de résultats : rappel … jours avant la date limite',
  resRemLeadHint:
    'Les points focaux d’un pays dont des indicateurs restent sans valeur pour la période sont prévenus. Vide = aucun rappel avant la date limite.',
  resRemOverdueLabel: 'Rapport de résultats en retard : rappel tous les … jours',
  resRemOverdueHint:
    'Dès le lendemain de la date limite, tant qu’une valeur manque (six mois au plus).',
  resRemGraceLabel: 'Le rapport d’une période est dû … jours après sa fin',
  resRemGraceHint: 'Par exemple 30 : le rapport du 1er semestre est dû le 30 juillet.',
  resRemLine: 'Rapports de résultats : {when}.',
  resRemOverdueLine: {
    one: 'Rapport de résultats en retard : rappelé chaque jour.',
    other: 'Rapport de résultats en retard : rappelé tous les {n} jours.',
  } as Plural,
  resRemGraceLine: {
    one: 'Le rapport d’une période est dû un jour après sa fin.',
    other: 'Le rapport d’une période est dû {n} jours après sa fin.',
  } as Plural,
};

export type ResultsRemindersMessages = typeof fr;

const en: ResultsRemindersMessages = {
  resRemLeadLabel: 'Results report: remind … days before it is due',
  resRemLeadHint:
    'Focal points of a country whose indicators still lack a value for the period hear of it. Empty = no reminder before the due date.',
  resRemOverdueLabel: 'Overdue results report: remind every … days',
  resRemOverdueHint:
    'From the day after the due date, while a value is missing (six months at most).',
  resRemGraceLabel: 'A period’s report is due … days after it ends',
  resRemGraceHint: 'For instance 30: the first half-year’s report is due on 30 July.',
  resRemLine: 'Results reports: {when}.',
  resRemOverdueLine: {
    one: 'Overdue results report: reminded every day.',
    other: 'Overdue results report: reminded every {n} days.',
  },
  resRemGraceLine: {
    one: 'A period’s report is due one day after it ends.',
    other: 'A period’s report is due {n} days after it ends.',
  },
};

const ar: ResultsRemindersMessages = {
  resRemLeadLabel: 'تقرير النتائج: تذكير قبل الأجل بـ … يوم',
  resRemLeadHint:
    'يُنبَّه منسقو البلد الذي ما زالت بعض مؤشراته دون قيمة عن الفترة. فارغ = لا تذكير قبل الأجل.',
  resRemOverdueLabel: 'تقرير النتائج المتأخر: تذكير كل … يوم',
  resRemOverdueHint: 'ابتداءً من اليوم التالي للأجل، ما دامت قيمة ناقصة (ستة أشهر على الأكثر).',
  resRemGraceLabel: 'يُستحق تقرير الفترة بعد انتهائها بـ … يوم',
  resRemGraceHint: 'مثلًا 30: يُستحق تقرير النصف الأول يوم 30 يوليو.',
  resRemLine: 'تقارير النتائج: {when}.',
  resRemOverdueLine: {
    zero: 'تقرير النتائج المتأخر: تذكير كل {n} يوم.',
    one: 'تقرير النتائج المتأخر: تذكير كل يوم.',
    two: 'تقرير النتائج المتأخر: تذكير كل يومين.',
    few: 'تقرير النتائج المتأخر: تذكير كل {n} أيام.',
    many: 'تقرير النتائج المتأخر: تذكير كل {n} يومًا.',
    other: 'تقرير النتائج المتأخر: تذكير كل {n} يوم.',
  },
  resRemGraceLine: {
    zero: 'يُستحق تقرير الفترة بعد انتهائها بـ {n} يوم.',
    one: 'يُستحق تقرير الفترة بعد انتهائها بيوم واحد.',
    two: 'يُستحق تقرير الفترة بعد انتهائها بيومين.',
    few: 'يُستحق تقرير الفترة بعد انتهائها بـ {n} أيام.',
    many: 'يُستحق تقرير الفترة بعد انتهائها بـ {n} يومًا.',
    other: 'يُستحق تقرير الفترة بعد انتهائها بـ {n} يوم.',
  },
};

export const resultsReminders: AreaMessages<ResultsRemindersMessages> = { fr, en, ar };
