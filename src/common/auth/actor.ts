import type { Locale, Role } from '../../users/user.entity';

/** The authenticated caller, as every service sees it. Loaded fresh from the database per request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  partyCode: string | null;
  locale: Locale;
  timeZone: string;
  /** Agreements an observer is granted; empty for other roles. */
  observedAgreementIds: string[];
}
