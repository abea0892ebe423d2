import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { daysBetween, todayIn } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import type { OutgoingMessage } from '../notifications/channels/channel';
import type { MessageComposer } from '../notifications/message-composer';
import type { ClaimedNotification } from '../notifications/notification-lifecycle';
import { formatDate } from '../notifications/templates/locale-format';
import { renderMail, type RenderedMail } from '../notifications/templates/render-mail';
import { UsersService } from '../users/users.service';
import { localized } from '../common/i18n/translations';
import { pageLink } from '../common/i18n/page-links';
import { partyNames, type PartyLike } from '../parties/party-names';
import { DigestContent } from './digest/digest-content';
import { NudgeComposer } from './nudges/nudge-composer';
import { ResultsDueComposer } from './results-due/results-due-composer';
import { REMINDER_CATALOGUES, type ReminderFacts } from './reminder-messages';
import { isStillDue, ReminderSubjects, type SubjectDetails } from './reminder-subjects';

/**
 * Reminders counted from a past date (overdue since the due date, notification missing since the
 * signature) rather than towards a coming one.
 */
const countsSince = (ruleKind: string) =>
  ruleKind === 'activity_overdue' || ruleKind === 'agreement_notification_missing';

/** The recipient as it is now (role, party, language, zone), not as it was when planned. */
type RecipientUser = Actor;

/**
 * Managers hear of everything planned for them; a focal point only of its own party's subjects, and of
 * an activity only while its party's part is open (done meanwhile: the planned mail is dropped).
 */
function isConcerned(user: RecipientUser, subject: SubjectDetails): boolean {
  if (user.role === 'programme_manager') return true;
  return (
    user.role === 'focal_point' &&
    user.partyCode !== null &&
    (subject.concernedPartyCodes ?? subject.partyCodes).includes(user.partyCode)
  );
}

/**
 * What a reminder or a weekly digest says, to whom, at the moment it is sent. Null when it no longer
 * applies: subject closed or its date moved, recipient deactivated or no longer concerned (moved to
 * another party), or a lead-time reminder held for working hours until its date had passed (the
 * overdue reminder takes over).
 */
@Injectable()
export class ReminderMessageComposer implements MessageComposer {
  constructor(
    private readonly subjects: ReminderSubjects,
    private readonly digests: DigestContent,
    private readonly nudges: NudgeComposer,
    private readonly resultsDue: ResultsDueComposer,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async compose(row: ClaimedNotification): Promise<OutgoingMessage | null> {
    if (row.subjectType === 'digest') {
      const user = await this.recipient(row.recipientId);
      if (!user || user.role !== 'programme_manager') return null;
      const mail = await this.digests.render(user.locale, user.timeZone, row.dueOn);
      return { channel: 'email', to: user.email, mail };
    }
    if (row.ruleKind === 'stagnation_nudge') return this.nudges.compose(row);
    if (row.ruleKind === 'results_due' || row.ruleKind === 'results_overdue') {
      return this.resultsDue.compose(row);
    }
    // A mail needs the subject (which brings its parties' names) and the recipient as they are now:
    // two reads independent of each other, in parallel (a webhook's recipient is a subscription).
    const mailing = row.channel !== 'webhook';
    const [subject, user] = await Promise.all([
      this.subjects.describe(row),
      mailing ? this.recipient(row.recipientId) : null,
    ]);
    if (!subject || !isStillDue(row, subject)) return null;
    if (!mailing) {
      return {
        channel: 'webhook',
        subscriptionId: row.recipientId,
        event: row.ruleKind,
        payload: {
          id: row.id,
          event: row.ruleKind,
          rule: row.rule,
          dueOn: row.dueOn,
          escalated: row.escalated,
          subject: {
            type: row.subjectType,
            id: row.subjectId,
            title: subject.title,
            translations: subject.translations,
            // The page anchor that opens the subject (after sign-in if needed).
            url: pageLink(this.config.PUBLIC_URL, subject.anchor),
          },
          url: pageLink(this.config.PUBLIC_URL, subject.anchor),
          sentAt: this.clock.now().toISOString(),
        },
      };
    }
    if (!user || !isConcerned(user, subject)) return null;
    const today = todayIn(user.timeZone, this.clock.now());
    if (countsSince(row.ruleKind) === false && daysBetween(today, row.dueOn) < 0) return null;
    return {
      channel: 'email',
      to: user.email,
      mail: this.renderReminder(row, subject, user, today, byCode(subject.parties)),
    };
  }

  private renderReminder(
    row: ClaimedNotification,
    subject: SubjectDetails,
    user: RecipientUser,
    today: string,
    parties: ReadonlyMap<string, PartyLike>,
  ): RenderedMail {
    const facts: ReminderFacts = {
      ruleKind: row.ruleKind as ReminderFacts['ruleKind'],
      title: localized(subject, 'title', user.locale),
      context:
        subject.context === null
          ? null
          : localized(
              { title: subject.context, translations: subject.contextTranslations },
              'title',
              user.locale,
            ),
      parties: namedParties(row.ruleKind, subject, parties, user.locale),
      date: formatDate(row.dueOn, user.locale),
      days: Math.max(
        0,
        countsSince(row.ruleKind) ? daysBetween(row.dueOn, today) : daysBetween(today, row.dueOn),
      ),
      escalated: row.escalated,
      renewalMode: subject.renewalMode,
    };
    const words = REMINDER_CATALOGUES[user.locale](facts);
    return renderMail(user.locale, {
      subject: words.subject,
      blocks: words.lines,
      link: {
        label: words.open,
        href: pageLink(this.config.PUBLIC_URL, subject.anchor, user.locale),
      },
      footer: words.footer,
    });
  }

  /** Null when the account was deactivated since the reminder was planned. */
  private recipient(userId: string): Promise<RecipientUser | null> {
    return this.users.loadActor(userId);
  }
}

/** The parties a reminder names: for a missing notification, those still to notify. */
function namedParties(
  ruleKind: string,
  subject: SubjectDetails,
  parties: ReadonlyMap<string, PartyLike>,
  locale: RecipientUser['locale'],
): string | null {
  const codes =
    ruleKind === 'agreement_notification_missing'
      ? (subject.concernedPartyCodes ?? subject.partyCodes)
      : subject.partyCodes;
  return codes.length > 0 ? partyNames(codes, parties, locale) : null;
}

const byCode = (parties: PartyLike[]): ReadonlyMap<string, PartyLike> =>
  new Map(parties.map((party) => [party.code, party]));
