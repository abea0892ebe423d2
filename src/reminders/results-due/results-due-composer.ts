import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pageLink, planResultsAnchor } from '../../common/i18n/page-links';
import { localized, type Translations } from '../../common/i18n/translations';
import { daysBetween, todayIn } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { AppConfig } from '../../config/app-config';
import type { OutgoingMessage } from '../../notifications/channels/channel';
import type { ClaimedNotification } from '../../notifications/notification-lifecycle';
import { formatDate } from '../../notifications/templates/locale-format';
import { renderMail } from '../../notifications/templates/render-mail';
import { PartiesService } from '../../parties/parties.service';
import { partyName } from '../../parties/party-names';
import { reportDueOn } from '../../results/reporting-periods';
import { UsersService } from '../../users/users.service';
import { ReminderRulesService } from '../reminder-rules.service';
import { ReportingGaps } from './reporting-gaps';
import { periodLabel, resultsDueMail } from './results-due-messages';
import { parseResultsRule, type ResultsRuleKind } from './results-due-rules';

/**
 * What a reporting-due reminder says when it is sent: the indicators the party still owes a value for
 * at that moment. Dropped (null) when everything got reported meanwhile, when the due date moved (the
 * grace was changed: the new date has its own keys), when the recipient is no longer a focal point of
 * that party, or when a lead-time reminder waited for working hours past the due date (the overdue
 * reminder takes over).
 */
@Injectable()
export class ResultsDueComposer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gaps: ReportingGaps,
    private readonly rules: ReminderRulesService,
    private readonly users: UsersService,
    private readonly parties: PartiesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async compose(row: ClaimedNotification): Promise<OutgoingMessage | null> {
    const key = parseResultsRule(row.rule);
    if (!key) return null;
    const { graceDays } = (await this.rules.current()).resultsReporting;
    if (reportDueOn(key.period, graceDays) !== row.dueOn) return null;
    const plan = await this.plan(row.subjectId);
    if (!plan) return null;
    const missing = await this.gaps.missingIndicators(plan.id, key.period, key.partyCode);
    if (missing.length === 0) return null;
    const kind = row.ruleKind as ResultsRuleKind;
    const href = (language?: string) =>
      pageLink(this.config.PUBLIC_URL, planResultsAnchor(plan.id), language);

    if (row.channel === 'webhook') {
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
          plan: { id: plan.id, title: plan.title, translations: plan.translations, url: href() },
          period: key.period,
          partyCode: key.partyCode,
          missingIndicators: missing.map((i) => ({
            id: i.id,
            code: i.code,
            title: i.title,
            translations: i.translations,
          })),
          url: href(),
          sentAt: this.clock.now().toISOString(),
        },
      };
    }
    const user = await this.users.loadActor(row.recipientId);
    if (!user || user.role !== 'focal_point' || user.partyCode !== key.partyCode) return null;
    const today = todayIn(user.timeZone, this.clock.now());
    const daysLeft = daysBetween(today, row.dueOn);
    if (kind === 'results_due' && daysLeft < 0) return null;
    const locale = user.locale;
    const link = href(locale);
    const words = resultsDueMail(locale, {
      kind,
      plan: localized(plan, 'title', locale),
      period: periodLabel(key.period, locale),
      party: partyName(key.partyCode, await this.parties.directory(), locale),
      dueOn: formatDate(row.dueOn, locale),
      days: Math.abs(daysLeft),
      missing: missing.map((i) => ({
        text: `${i.code} — ${localized(i, 'title', locale)}`,
        href: link,
      })),
    });
    return {
      channel: 'email',
      to: user.email,
      mail: renderMail(locale, {
        subject: words.subject,
        blocks: [...words.paragraphs, words.section],
        link: { label: words.open, href: link },
        footer: words.footer,
      }),
    };
  }

  private async plan(
    id: string,
  ): Promise<{ id: string; title: string; translations: Translations } | null> {
    const rows = await this.dataSource.query<
      { id: string; title: string; translations: Translations }[]
    >(`SELECT id, title, translations FROM action_plans WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
