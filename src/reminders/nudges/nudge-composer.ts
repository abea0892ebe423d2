import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { activityAnchor, pageLink, planAnchor } from '../../common/i18n/page-links';
import { localized, type Translations } from '../../common/i18n/translations';
import { daysBetween, todayIn, type CalendarDate } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import type { OutgoingMessage } from '../../notifications/channels/channel';
import type { ClaimedNotification } from '../../notifications/notification-lifecycle';
import { formatDate } from '../../notifications/templates/locale-format';
import { renderMail } from '../../notifications/templates/render-mail';
import { PartiesService } from '../../parties/parties.service';
import { partyName } from '../../parties/party-names';
import { UsersService } from '../../users/users.service';
import { ReminderRulesService } from '../reminder-rules.service';
import { nudgeMail } from './nudge-messages';
import { SilentParts, type SilentPart } from './silent-parts';

interface MeetingDetails {
  id: string;
  planId: string;
  heldOn: CalendarDate;
  status: string;
  planTitle: string;
  planTranslations: Translations;
}

/**
 * What a stagnation nudge says when it is sent: the parts silent at that moment (a part updated since
 * the sweep drops out; when none is left the nudge is cancelled), for a focal point only its own
 * party's, for a programme manager every party's. Cancelled too when the meeting was held, moved or
 * deleted since, or its day has come.
 */
@Injectable()
export class NudgeComposer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly silentParts: SilentParts,
    private readonly rules: ReminderRulesService,
    private readonly users: UsersService,
    private readonly parties: PartiesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async compose(row: ClaimedNotification): Promise<OutgoingMessage | null> {
    const meeting = await this.meeting(row.subjectId);
    if (!meeting || meeting.status !== 'planned' || meeting.heldOn !== row.dueOn) return null;
    const now = this.clock.now();
    const { silentAfterDays } = (await this.rules.current()).stagnation;
    const silent = await this.silentParts.ofPlans([meeting.planId], now, silentAfterDays);
    if (row.channel === 'webhook') {
      return silent.length === 0 ? null : this.webhook(row, meeting, silent, silentAfterDays);
    }
    const user = await this.users.loadActor(row.recipientId);
    if (!user) return null;
    const listed =
      user.role === 'programme_manager'
        ? silent
        : user.role === 'focal_point' && user.partyCode !== null
          ? silent.filter((p) => p.partyCode === user.partyCode)
          : [];
    const daysLeft = daysBetween(todayIn(user.timeZone, now), meeting.heldOn);
    if (listed.length === 0 || daysLeft < 1) return null;

    const locale = user.locale;
    const directory = await this.parties.directory();
    const groups = new Map<string, SilentPart[]>();
    for (const part of listed)
      groups.set(part.partyCode, [...(groups.get(part.partyCode) ?? []), part]);
    const words = nudgeMail(locale, {
      plan: localized(
        { title: meeting.planTitle, translations: meeting.planTranslations },
        'title',
        locale,
      ),
      date: formatDate(meeting.heldOn, locale),
      daysLeft,
      silentAfterDays,
      audience: user.role === 'programme_manager' ? 'manager' : 'focal',
      groups: [...groups].map(([code, parts]) => ({
        party: partyName(code, directory, locale),
        parts: parts.map((p) => ({
          title: localized(p, 'title', locale),
          dueOn: formatDate(p.dueOn, locale),
          daysSilent: p.daysSilent,
          href: pageLink(this.config.PUBLIC_URL, activityAnchor(p.activityId), locale),
        })),
      })),
    });
    return {
      channel: 'email',
      to: user.email,
      mail: renderMail(locale, {
        subject: words.subject,
        blocks: [...words.paragraphs, ...words.sections, ...words.closing],
        link: {
          label: words.open,
          href: pageLink(this.config.PUBLIC_URL, planAnchor(meeting.planId), locale),
        },
        footer: words.footer,
      }),
    };
  }

  private webhook(
    row: ClaimedNotification,
    meeting: MeetingDetails,
    silent: SilentPart[],
    silentAfterDays: number,
  ): OutgoingMessage {
    return {
      channel: 'webhook',
      subscriptionId: row.recipientId,
      event: row.ruleKind,
      payload: {
        id: row.id,
        event: row.ruleKind,
        rule: row.rule,
        dueOn: row.dueOn,
        escalated: false,
        meeting: {
          id: meeting.id,
          planId: meeting.planId,
          heldOn: meeting.heldOn,
          url: pageLink(this.config.PUBLIC_URL, planAnchor(meeting.planId)),
        },
        silentAfterDays,
        silentParts: silent.map((p) => ({
          activityId: p.activityId,
          partyCode: p.partyCode,
          title: p.title,
          translations: p.translations,
          dueOn: p.dueOn,
          daysSilent: p.daysSilent,
          url: pageLink(this.config.PUBLIC_URL, activityAnchor(p.activityId)),
        })),
        sentAt: this.clock.now().toISOString(),
      },
    };
  }

  /** The meeting and its plan's title, read when the nudge is sent. */
  private async meeting(id: string): Promise<MeetingDetails | null> {
    const rows = await this.dataSource.query<MeetingDetails[]>(
      `SELECT m.id, m.plan_id AS "planId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn", m.status,
              p.title AS "planTitle", p.translations AS "planTranslations"
         FROM committee_meetings m JOIN action_plans p ON p.id = m.plan_id
        WHERE m.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
