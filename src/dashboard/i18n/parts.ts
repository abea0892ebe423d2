// Each party's part of a joint activity, in the activity dialog (activity-parts-panel.js).
import type { AreaMessages } from './languages';

const fr = {
  partsTitle: 'Part de chaque pays',
  partsJoint: 'Statut commun',
  partsJointValue: '{status} · {progress}',
  partsRule:
    "Le statut commun découle des parts : réalisée quand chaque pays a réalisé la sienne, en cours dès qu'une part avance ; l'avancement est la moyenne des parts (une part annulée ne compte pas).",
  partsYours: 'votre part',
  partsProgressValue: 'Avancement',
  partsNoteValue: 'Note',
  partsUpdatedAt: 'Mise à jour',
  partsStatus: 'Statut de la part',
  partsProgress: 'Avancement de la part (%)',
  partsNote: 'Note sur la part',
  partsCompletedOn: 'Date de réalisation de la part',
  partsCompletedHint:
    "Une part réalisée est à 100 % ; sans date, c'est la date du jour qui est retenue.",
  partsReason: 'Motif du changement (facultatif, conservé dans l’historique)',
  partsSave: 'Enregistrer la part',
  partsSaving: 'Enregistrement…',
  partsSaved: 'Part de {party} enregistrée.',
  partsNothingChanged: "Vous n'avez rien modifié dans cette part.",
  partsReadOnly:
    'Lecture seule : seuls le point focal de {party} et les gestionnaires de programme modifient cette part.',
  partsConflict:
    "La part de {party} a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte. Rechargez-la, vérifiez-la, puis refaites votre changement.",
  partsReload: 'Recharger la part à jour',
  partsForbidden:
    'Vous ne pouvez pas modifier la part de {party} : seuls son point focal et les gestionnaires de programme le peuvent.',
  partsActivityEvidence: "Pièces de l'activité (communes aux pays)",
  partsEvidenceMissing: 'Pour marquer cette part réalisée, déposez d’abord : {kinds}.',
};

export type PartsMessages = typeof fr;

const en: PartsMessages = {
  partsTitle: "Each country's part",
  partsJoint: 'Joint status',
  partsJointValue: '{status} · {progress}',
  partsRule:
    'The joint status follows the parts: completed when every country has completed its part, in progress as soon as one part moves; progress is the average of the parts (a cancelled part does not count).',
  partsYours: 'your part',
  partsProgressValue: 'Progress',
  partsNoteValue: 'Note',
  partsUpdatedAt: 'Last update',
  partsStatus: 'Status of the part',
  partsProgress: 'Progress of the part (%)',
  partsNote: 'Note on the part',
  partsCompletedOn: 'Completion date of the part',
  partsCompletedHint: 'A completed part is at 100 %; without a date, today is used.',
  partsReason: 'Reason for the change (optional, kept in the history)',
  partsSave: 'Save the part',
  partsSaving: 'Saving…',
  partsSaved: "{party}'s part saved.",
  partsNothingChanged: 'You did not change anything in this part.',
  partsReadOnly: "Read only: only {party}'s focal point and programme managers change this part.",
  partsConflict:
    "{party}'s part was changed by someone else since you opened it. Reload it, check it, then make your change again.",
  partsReload: 'Reload the current part',
  partsForbidden:
    "You may not change {party}'s part: only its focal point and programme managers may.",
  partsActivityEvidence: 'Evidence of the activity (shared by the countries)',
  partsEvidenceMissing: 'To mark this part completed, first upload: {kinds}.',
};

const ar: PartsMessages = {
  partsTitle: 'حصة كل بلد',
  partsJoint: 'الحالة المشتركة',
  partsJointValue: '{status} · {progress}',
  partsRule:
    'تنتج الحالة المشتركة عن الحصص: منجز عندما ينجز كل بلد حصته، وجارٍ بمجرد تقدم إحدى الحصص؛ ونسبة التقدم هي متوسط الحصص (لا تُحتسب الحصة الملغاة).',
  partsYours: 'حصتكم',
  partsProgressValue: 'نسبة التقدم',
  partsNoteValue: 'ملاحظة',
  partsUpdatedAt: 'آخر تحديث',
  partsStatus: 'حالة الحصة',
  partsProgress: 'نسبة تقدم الحصة (%)',
  partsNote: 'ملاحظة حول الحصة',
  partsCompletedOn: 'تاريخ إنجاز الحصة',
  partsCompletedHint: 'الحصة المنجزة بنسبة 100 %؛ وبدون تاريخ يُعتمد تاريخ اليوم.',
  partsReason: 'سبب التغيير (اختياري، يُحفظ في السجل)',
  partsSave: 'حفظ الحصة',
  partsSaving: 'جارٍ الحفظ…',
  partsSaved: 'تم حفظ حصة {party}.',
  partsNothingChanged: 'لم تغيّروا شيئًا في هذه الحصة.',
  partsReadOnly: 'للاطلاع فقط: لا يعدّل هذه الحصة إلا نقطة اتصال {party} ومديرو البرنامج.',
  partsConflict:
    'عدّل شخص آخر حصة {party} منذ أن فتحتموها. أعيدوا تحميلها وتحققوا منها ثم أعيدوا تغييركم.',
  partsReload: 'إعادة تحميل الحصة المحدّثة',
  partsForbidden:
    'لا يمكنكم تعديل حصة {party}: لا يعدّلها إلا نقطة الاتصال الخاصة بها ومديرو البرنامج.',
  partsActivityEvidence: 'وثائق النشاط (مشتركة بين البلدين)',
  partsEvidenceMissing: 'لاعتبار هذه الحصة منجزة، ارفعوا أولًا: {kinds}.',
};

export const parts: AreaMessages<PartsMessages> = { fr, en, ar };
