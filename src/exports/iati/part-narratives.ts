import type { ActivityStatus } from '../../activities/activity-rules';
import type { PartView } from '../../activities/parts/part-view';

const STATUS_WORDS: Record<'fr' | 'en', Record<ActivityStatus, string>> = {
  fr: {
    planned: 'prévue',
    in_progress: 'en cours',
    completed: 'réalisée',
    postponed: 'reportée',
    cancelled: 'annulée',
  },
  en: {
    planned: 'planned',
    in_progress: 'in progress',
    completed: 'completed',
    postponed: 'postponed',
    cancelled: 'cancelled',
  },
};

const LEAD_IN = { fr: 'Part de chaque partie', en: "Each party's part" };
const ON = { fr: 'le', en: 'on' };

/**
 * IATI 2.03 has no element for a participating organisation's own progress, so a joint activity says
 * each party's part in a description of type 4 ("other"), in French and English: the
 * activity-status stays the roll-up of the parts. Undefined for an activity with one part (its status
 * says it all).
 */
export function partNarratives(parts: readonly PartView[]): Map<'fr' | 'en', string> | undefined {
  if (parts.length < 2) return undefined;
  const narratives = new Map<'fr' | 'en', string>();
  for (const language of ['fr', 'en'] as const) {
    const colon = language === 'fr' ? ' : ' : ': ';
    const items = parts.map((part) => {
      const status = STATUS_WORDS[language][part.status];
      const detail =
        part.status === 'completed' && part.completedOn
          ? `${status} ${ON[language]} ${part.completedOn}`
          : `${status} (${part.progressPercent} %)`;
      return `${part.partyCode}${colon}${detail}`;
    });
    narratives.set(language, `${LEAD_IN[language]} — ${items.join(' ; ')}`);
  }
  return narratives;
}
