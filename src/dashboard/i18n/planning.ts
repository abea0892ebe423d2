// Planning screens for programme managers: agreements, plans, activities, import.
import type { AreaMessages } from './languages';

const fr = {
  // Keys are unique across areas (dashboard-page.spec.ts checks); prefix them with the area when in doubt.
};

export type PlanningMessages = typeof fr;

export const planning: AreaMessages<PlanningMessages> = {
  fr,
  en: {},
  ar: {},
};
