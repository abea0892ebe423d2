import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { addDays, daysBetween, todayIn, type CalendarDate } from '../../common/time/calendar-date';
import { Clock } from '../../common/time/clock';
import { formatDate } from '../../notifications/templates/locale-format';
import { renderMail, RenderedMail } from '../../notifications/templates/render-mail';
import type { Locale } from '../../users/user.entity';
import { DIGEST_WORDS } from './digest-messages';

interface OverdueByParty {
  partyCode: string;
  count: number;
  titles: string[];
}

/**
 * The programme manager's weekly digest: overdue activities by party, what falls due in the next 14
 * days, and agreement and plan expiries within 180 days — all with indexed range reads.
 */
@Injectable()
export class DigestContent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async render(locale: Locale, timeZone: string, weekOf: CalendarDate): Promise<RenderedMail> {
    const today = todayIn(timeZone, this.clock.now());
    const words = DIGEST_WORDS[locale];
    const [overdue, dueSoon, expiries] = await Promise.all([
      this.overdueByParty(today),
      this.dueWithin(today, 14),
      this.expiriesWithin(today, 180),
    ]);
    const list = (items: string[]) => (items.length > 0 ? items : [words.nothing]);
    return renderMail(locale, {
      subject: words.subject(formatDate(weekOf, locale)),
      blocks: [
        words.intro,
        {
          heading: words.overdueHeading,
          items: list(
            overdue.map((o) => words.overdueLine(o.partyCode, o.count, o.titles.join(' · '))),
          ),
        },
        {
          heading: words.dueSoonHeading,
          items: list(
            dueSoon.map((d) => words.dueSoonLine(d.title, formatDate(d.dueOn, locale), d.lead)),
          ),
        },
        {
          heading: words.expiriesHeading,
          items: list(
            expiries.map((e) =>
              words.expiryLine(e.title, formatDate(e.date, locale), daysBetween(today, e.date)),
            ),
          ),
        },
      ],
      link: { label: words.open, href: `${this.config.PUBLIC_URL}/?lang=${locale}` },
      footer: words.footer,
    });
  }

  private overdueByParty(today: CalendarDate): Promise<OverdueByParty[]> {
    return this.dataSource.query(
      `SELECT p.code AS "partyCode", count(*)::int AS count,
              (array_agg(a.title ORDER BY a.due_on))[1:5] AS titles
         FROM activities a CROSS JOIN LATERAL unnest(a.party_codes) AS p(code)
        WHERE a.status NOT IN ('completed', 'cancelled') AND a.due_on < $1
          AND NOT EXISTS (SELECT 1 FROM activities c WHERE c.carried_over_from_id = a.id)
        GROUP BY p.code ORDER BY count(*) DESC, p.code`,
      [today],
    );
  }

  private dueWithin(
    today: CalendarDate,
    days: number,
  ): Promise<{ title: string; dueOn: CalendarDate; lead: string }[]> {
    return this.dataSource.query(
      `SELECT title, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", lead_party_code AS lead
         FROM activities a
        WHERE status NOT IN ('completed', 'cancelled') AND due_on BETWEEN $1 AND $2
          AND NOT EXISTS (SELECT 1 FROM activities c WHERE c.carried_over_from_id = a.id)
        ORDER BY due_on, title LIMIT 50`,
      [today, addDays(today, days)],
    );
  }

  private expiriesWithin(
    today: CalendarDate,
    days: number,
  ): Promise<{ title: string; date: CalendarDate }[]> {
    return this.dataSource.query(
      `SELECT title, to_char(expires_on, 'YYYY-MM-DD') AS date FROM agreements
        WHERE status IN ('in_force', 'renewed') AND expires_on BETWEEN $1 AND $2
       UNION ALL
       SELECT title, to_char(ends_on, 'YYYY-MM-DD') FROM action_plans
        WHERE ends_on BETWEEN $1 AND $2
       ORDER BY date`,
      [today, addDays(today, days)],
    );
  }
}
