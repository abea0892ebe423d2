import { AccountToken } from '../auth/accounts/account-token.entity';
import { AuthSession } from '../auth/session/auth-session.entity';
import { ActionPlan } from '../action-plans/action-plan.entity';
import { Activity } from '../activities/activity.entity';
import { ActivityHistory } from '../activities/activity-history.entity';
import { ActivityPart } from '../activities/parts/activity-part.entity';
import { Agreement } from '../agreements/agreement.entity';
import { AgreementRenewal } from '../agreements/agreement-renewal.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { FeedToken } from '../auth/feed-tokens/feed-token.entity';
import { PlanHistory } from '../action-plans/plan-history.entity';
import { NotificationPreference } from '../notifications/notification-preference.entity';
import { Notification } from '../notifications/notification.entity';
import { Party } from '../parties/party.entity';
import { ReminderSettings } from '../reminders/reminder-settings.entity';
import { ObserverGrant } from '../users/observer-grant.entity';
import { User } from '../users/user.entity';
import { ActivityEvidence } from '../evidence/activity-evidence.entity';
import { EvidenceRequirement } from '../evidence/requirements/evidence-requirement.entity';
import { CommitteeMeeting } from '../meetings/committee-meeting.entity';
import { MeetingBaselineRow } from '../meetings/meeting-baseline.entity';
import { MeetingDecision } from '../meetings/meeting-decision.entity';
import { WebhookSubscription } from '../webhooks/webhook-subscription.entity';
import { MeetingPack } from '../meeting-packs/meeting-pack.entity';
import { RESULT_ENTITIES } from '../results/result-entities';
import { AgreementNotification } from '../agreements/lifecycle/agreement-notification.entity';
import { AgreementAmendment } from '../agreements/lifecycle/agreement-amendment.entity';
import { AgreementDenunciation } from '../agreements/lifecycle/agreement-denunciation.entity';
import { ActivityBudgetLine, ActivitySpending } from '../money/money-entries.entity';

/** Listed, not globbed, so that jest (.ts) and dist (.js) load the same classes. */
export const ENTITIES = [
  Party,
  User,
  ObserverGrant,
  Agreement,
  AgreementRenewal,
  ActionPlan,
  Activity,
  ActivityHistory,
  ActivityPart,
  ReminderSettings,
  Notification,
  NotificationPreference,
  WebhookSubscription,
  FeedToken,
  PlanHistory,
  IdempotencyKey,
  AccountToken,
  AuthSession,
  ActivityEvidence,
  EvidenceRequirement,
  CommitteeMeeting,
  MeetingDecision,
  MeetingBaselineRow,
  MeetingPack,
  ...RESULT_ENTITIES,
  AgreementNotification,
  AgreementAmendment,
  AgreementDenunciation,
  ActivityBudgetLine,
  ActivitySpending,
];
