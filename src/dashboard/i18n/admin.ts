// Administration and my account: users, parties, webhooks, reminder rules, profile, preferences.
import type { AreaMessages } from './languages';

const fr = {
  // Keys are unique across areas (dashboard-page.spec.ts checks); prefix them with the area when in doubt.
};

export type AdminMessages = typeof fr;

export const admin: AreaMessages<AdminMessages> = {
  fr,
  en: {},
  ar: {},
};
