/**
 * What a notification is about: the unit users switch off in their preferences and webhooks subscribe
 * to. It lives with the notifications (not with the rules that produce them) so that preferences,
 * webhooks and reminders all depend on notifications/, never the other way round.
 */
export const RULE_KINDS = [
  'activity_due',
  'activity_overdue',
  'agreement_expiry',
  'plan_expiry',
  'notice_deadline',
  'weekly_digest',
  /** Before a committee meeting: open parts with no update for a while (reminders/nudges/). */
  'stagnation_nudge',
  /** A party has not notified the completion of its procedures some time after signature (agreements/lifecycle). */
  'agreement_notification_missing',
  /** A denunciation's notice period is running out (agreements/lifecycle). */
  'denunciation_effect',
  /** A plan's results report for a period is due soon, from a party with indicators still empty. */
  'results_due',
  /** … and that report is overdue. */
  'results_overdue',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
