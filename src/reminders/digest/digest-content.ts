import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pageLink } from '../../common/i18n/page-links';
import { localized, type Translations } from '../../common/i18n/translations';
import { addDays, daysBetween, todayIn, type CalendarDate } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { formatDate } from '../../notifications/templates/locale-format';
import { counted } from '../../notifications/templates/plurals';
import {
  renderMail,
  type MailBody,
  type MailItem,
  type RenderedMail,
} from '../../notifications/templates/render-mail';
import { PartiesService } from '../../parties/parties.service';
import { partyName } from '../../parties/party-names';
import type { Locale } from '../../users/user.entity';
import { DIGEST_WORDS, overdueMoreLine } from './digest-messages';
import { OPEN_PART_CODES } from '../open-part-codes';
import { groupOverdueByParty, OVERDUE_LINES_PER_PARTY, type OverdueRow } from './digest-overdue';
import { openStatusSql, overdueSql, notCarriedOverSql } from '../../activities/activity-sql';

interface DueActivity {
  id: string;
  title: string;
  translations: Translations;
  dueOn: CalendarDate;
  lead: string;
  planTitle: string;
  planTranslations: Translations;
}

interface Expiry {
  kind: 'agreement' | 'plan';
  id: string;
  title: string;
  translations: Translations;
  date: CalendarDate;
}

/**
 * The programme manager's weekly digest: overdue activities by party (the heading counts all of the
 * party's; at most `OVERDUE_LINES_PER_PARTY` are named and linked, most overdue first, and a last line
 * "… and N more" links to the dashboard), what falls due in the next 14 days, and agreement and plan
 * expiries within 180 days — titles in the reader's language, parties by name, each line linked to its
 * page.
 */
@Injectable()
export class DigestContent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parties: PartiesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async render(locale: Locale, timeZone: string, weekOf: CalendarDate): Promise<RenderedMail> {
    const today = todayIn(timeZone, this.clock.now());
    const words = DIGEST_WORDS[locale];
    const [overdue, dueSoon, expiries, parties] = await Promise.all([
      this.overdueActivities(today),
      this.dueWithin(today, 14),
      this.expiriesWithin(today, 180),
      this.parties.directory(),
    ]);
    const link = (anchor: string) => pageLink(this.config.PUBLIC_URL, anchor, locale);
    const name = (code: string) => partyName(code, parties, locale);
    const title = (item: { title: string; translations: Translations }) =>
      localized(item, 'title', locale);
    const plan = (item: { planTitle: string; planTranslations: Translations }) =>
      localized({ title: item.planTitle, translations: item.planTranslations }, 'title', locale);

    const dashboard = pageLink(this.config.PUBLIC_URL, '', locale);
    const overdueBlocks: MailBody['blocks'] = groupOverdueByParty(overdue).map((group) => ({
      heading: words.partyHeading(
        name(group.partyCode),
        counted(locale, 'overdueActivities', group.total),
      ),
      items: [
        ...group.activities.map((a): MailItem => ({
          text: words.overdueLine(title(a), plan(a), formatDate(a.dueOn, locale)),
          href: link(`activity/${a.id}`),
        })),
        // No page lists one party's overdue work across plans: the dashboard (the manager's portfolio,
        // sortable by overdue count) is where the rest is, as for the footer's link.
        ...(group.more > 0 ? [{ text: overdueMoreLine(locale, group.more), href: dashboard }] : []),
      ],
    }));
    const list = (items: MailItem[]) => (items.length > 0 ? items : [words.nothing]);
    return renderMail(locale, {
      subject: words.subject(formatDate(weekOf, locale)),
      blocks: [
        words.intro,
        words.overdueHeading,
        ...(overdueBlocks.length > 0 ? overdueBlocks : [words.nothing]),
        {
          heading: words.dueSoonHeading,
          items: list(
            dueSoon.map((d) => ({
              text: words.dueSoonLine(title(d), plan(d), formatDate(d.dueOn, locale), name(d.lead)),
              href: link(`activity/${d.id}`),
            })),
          ),
        },
        {
          heading: words.expiriesHeading,
          items: list(
            expiries.map((e) => ({
              text: words.expiryLine(
                e.kind,
                title(e),
                formatDate(e.date, locale),
                daysBetween(today, e.date) === 0
                  ? words.today
                  : counted(locale, 'inDays', daysBetween(today, e.date)),
              ),
              href: link(`${e.kind}/${e.id}`),
            })),
          ),
        },
      ],
      link: { label: words.open, href: dashboard },
      footer: words.footer,
    });
  }

  /**
   * Open overdue activities (not those renewal carried over: their copy is the live one), under each
   * party whose part of it is still open (a country that has done its share is not listed): per party
   * the first `OVERDUE_LINES_PER_PARTY` by (due date, title, id), with the party's total. Ranking and
   * counting are window functions over (activity, party) pairs, so PostgreSQL sends at most
   * parties × cap rows however many are overdue, and only the kept ones are joined to their titles
   * and plans.
   */
  private overdueActivities(today: CalendarDate): Promise<OverdueRow[]> {
    return this.dataSource.query(
      `WITH ranked AS (
         SELECT a.id, u.code AS party_code,
                row_number() OVER (PARTITION BY u.code ORDER BY a.due_on, a.title, a.id) AS rank,
                count(*) OVER (PARTITION BY u.code) AS total
           FROM activities a CROSS JOIN LATERAL unnest(${OPEN_PART_CODES}) AS u(code)
          WHERE ${overdueSql('a', '$1')}
            AND ${notCarriedOverSql('a')}
       )
       SELECT a.id, a.title, a.translations, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
              r.party_code AS "partyCode", r.total::int AS total, p.title AS "planTitle",
              p.translations AS "planTranslations"
         FROM ranked r
         JOIN activities a ON a.id = r.id
         JOIN action_plans p ON p.id = a.plan_id
        WHERE r.rank <= $2
        ORDER BY r.party_code, r.rank`,
      [today, OVERDUE_LINES_PER_PARTY],
    );
  }

  private dueWithin(today: CalendarDate, days: number): Promise<DueActivity[]> {
    return this.dataSource.query(
      `SELECT a.id, a.title, a.translations, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
              a.lead_party_code AS lead, p.title AS "planTitle",
              p.translations AS "planTranslations"
         FROM activities a JOIN action_plans p ON p.id = a.plan_id
        WHERE ${openStatusSql('a')} AND a.due_on BETWEEN $1 AND $2
          AND ${notCarriedOverSql('a')}
        ORDER BY a.due_on, a.title LIMIT 50`,
      [today, addDays(today, days)],
    );
  }

  private expiriesWithin(today: CalendarDate, days: number): Promise<Expiry[]> {
    return this.dataSource.query(
      `SELECT 'agreement' AS kind, id, title, translations,
              to_char(expires_on, 'YYYY-MM-DD') AS date FROM agreements
        WHERE status IN ('in_force', 'renewed') AND expires_on BETWEEN $1 AND $2
       UNION ALL
       SELECT 'plan', id, title, translations, to_char(ends_on, 'YYYY-MM-DD') FROM action_plans
        WHERE ends_on BETWEEN $1 AND $2
       ORDER BY date`,
      [today, addDays(today, days)],
    );
  }
}
