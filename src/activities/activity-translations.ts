import { FOCAL_POINT_ACTIVITY_FIELDS, type ActivityEditRight } from '../common/auth/permissions';
import { Forbidden } from '../common/errors/domain-errors';
import {
  describeTranslations,
  mergeTranslations,
  sameTranslations,
  type Translations,
  type TranslationsPatch,
} from '../common/i18n/translations';
import type { HistoryValue } from './activity-history.entity';
import type { Activity } from './activity.entity';

/**
 * The translations an update asks for, merged into the stored ones, with the history entry that records
 * them (as "en.title: …" lines); null when nothing changes. Titles and descriptions are the managers'.
 */
export interface TranslationChange {
  next: Translations;
  history: { field: string; from: HistoryValue; to: HistoryValue };
}

export function translationChange(
  activity: Pick<Activity, 'translations'>,
  patch: TranslationsPatch | null | undefined,
  right: ActivityEditRight,
): TranslationChange | null {
  if (patch === undefined) return null;
  const next = patch === null ? {} : mergeTranslations(activity.translations, patch);
  // Sending back unchanged translations (a form that posts everything) is not an edit.
  if (sameTranslations(activity.translations, next)) return null;
  if (right !== 'all_fields') {
    throw new Forbidden(
      `A focal point may change only ${FOCAL_POINT_ACTIVITY_FIELDS.join(', ')}; not translations.`,
    );
  }
  return {
    next,
    history: {
      field: 'translations',
      from: describeTranslations(activity.translations),
      to: describeTranslations(next),
    },
  };
}
