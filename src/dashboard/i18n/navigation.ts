// Navigation: routes, the agreement view, the focal point's list, history.
import type { AreaMessages } from './languages';

const fr = {
  // Keys are unique across areas (dashboard-page.spec.ts checks); prefix them with the area when in doubt.
};

export type NavigationMessages = typeof fr;

export const navigation: AreaMessages<NavigationMessages> = {
  fr,
  en: {},
  ar: {},
};
