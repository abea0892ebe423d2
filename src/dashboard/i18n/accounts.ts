// Accounts reached from mail links: invitation, password reset, forgotten password.
import type { AreaMessages } from './languages';

const fr = {
  // Keys are unique across areas (dashboard-page.spec.ts checks); prefix them with the area when in doubt.
};

export type AccountsMessages = typeof fr;

export const accounts: AreaMessages<AccountsMessages> = {
  fr,
  en: {},
  ar: {},
};
