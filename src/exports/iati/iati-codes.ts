import type { ActivityStatus } from '../../activities/activity-rules';
import type { PartyType } from '../../parties/party.entity';

/** IATI ActivityStatus codelist. Completed maps to 3 (finalisation): financial closure is not tracked here. */
export const IATI_ACTIVITY_STATUS: Record<ActivityStatus, string> = {
  planned: '1', // pipeline/identification
  in_progress: '2', // implementation
  completed: '3', // finalisation
  cancelled: '5', // cancelled
  postponed: '6', // suspended
};

/** IATI ActivityDateType codelist. */
export const IATI_DATE_TYPE = {
  plannedStart: '1',
  actualStart: '2',
  plannedEnd: '3',
  actualEnd: '4',
} as const;

/** IATI OrganisationRole codelist. */
export const IATI_ORG_ROLE = { funding: '1', accountable: '2', implementing: '4' } as const;

/** IATI OrganisationType: states as governments, the organisations we work with as multilaterals. */
export const IATI_ORG_TYPE: Record<PartyType, string> = { state: '10', organisation: '40' };

/** IATI ActivityScope: 4 national, 3 multi-national. */
export function activityScope(recipientCountries: number): string | null {
  if (recipientCountries === 0) return null;
  return recipientCountries === 1 ? '4' : '3';
}

/** OECD DAC 5-digit purpose codes (sector vocabulary 1). */
export const DAC_MIGRATION = '15190'; // Facilitation of orderly, safe, regular and responsible migration and mobility
export const DAC_HUMAN_RIGHTS = '15160'; // Human rights

/** Themes about the victims' rights and protection rather than migration governance. */
const HUMAN_RIGHTS_THEMES = ['victim_support', 'child_trafficking'];

export interface Share {
  code: string;
  percentage: number;
}

/**
 * Counter-trafficking work is migration governance (15190); activities about victims' protection are
 * also human rights work (15160) and are split half and half. Always sums to 100.
 */
export function sectorsFor(themes: string[]): Share[] {
  return themes.some((t) => HUMAN_RIGHTS_THEMES.includes(t))
    ? [
        { code: DAC_MIGRATION, percentage: 50 },
        { code: DAC_HUMAN_RIGHTS, percentage: 50 },
      ]
    : [{ code: DAC_MIGRATION, percentage: 100 }];
}

/**
 * 100 split in whole numbers over `codes`, the remainder to the first ones (3 → 34, 33, 33), so that
 * the shares always add up to exactly 100 as IATI requires.
 */
export function splitEvenly(codes: string[]): Share[] {
  if (codes.length === 0) return [];
  const base = Math.floor(100 / codes.length);
  const remainder = 100 - base * codes.length;
  return codes.map((code, i) => ({ code, percentage: base + (i < remainder ? 1 : 0) }));
}
