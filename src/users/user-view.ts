import type { User } from './user.entity';

/** What the API answers about a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  partyCode: string | null;
  locale: User['locale'];
  timeZone: string;
  active: boolean;
  /** Invited, and the invitation not accepted yet (no password set). */
  invitationPending: boolean;
  observedAgreementIds: string[];
  createdAt: Date;
}

export function toUserView(user: User, observedAgreementIds: string[]): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    partyCode: user.partyCode,
    locale: user.locale,
    timeZone: user.timeZone,
    active: user.active,
    invitationPending: user.invitationPending,
    observedAgreementIds,
    createdAt: user.createdAt,
  };
}
