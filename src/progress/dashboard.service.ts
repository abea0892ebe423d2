import type { Translations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { agreementScope } from '../common/auth/permissions';
import { agreementScopeSql } from '../common/auth/scope-sql';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { Clock } from '../common/time/clock';
import { countedInCompletionSql, openStatusSql, overdueSql } from '../activities/activity-sql';

export interface DashboardRow {
  planId: string;
  planTitle: string;
  agreementId: string;
  agreementTitle: string;
  /** The plan's and the agreement's titles in other languages (the page shows the reader's). */
  planTranslations: Translations;
  agreementTranslations: Translations;
  partyCodes: string[];
  startsOn: string;
  endsOn: string;
  timeZone: string;
  total: number;
  completed: number;
  completionPercent: number;
  overdue: number;
  dueNext30Days: number;
  nextDueOn: string | null;
}

/**
 * One summary row per plan the caller may read. "Today" is computed in SQL per plan, in the plan's
 * time zone, from the injected clock's instant.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async summary(actor: Actor, query: PageQueryDto): Promise<Page<DashboardRow>> {
    const params: unknown[] = [this.clock.now().toISOString()];
    const where = agreementScopeSql(agreementScope(actor), 'ag', params);
    const countRows = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
        WHERE $1::timestamptz IS NOT NULL AND ${where}`,
      params,
    );
    const rows = await this.dataSource.query<(DashboardRow & { completionPercent: string })[]>(
      `WITH visible AS (
         SELECT p.*, ag.title AS agreement_title, ag.translations AS agreement_translations,
                (($1::timestamptz) AT TIME ZONE p.time_zone)::date AS today
           FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
          WHERE ${where}
          ORDER BY p.starts_on DESC, p.id
          LIMIT ${Number(query.pageSize)} OFFSET ${Number(pageOffset(query))})
       SELECT v.id AS "planId", v.title AS "planTitle", v.agreement_id AS "agreementId",
              v.agreement_title AS "agreementTitle", v.party_codes AS "partyCodes",
              v.translations AS "planTranslations",
              v.agreement_translations AS "agreementTranslations",
              to_char(v.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(v.ends_on, 'YYYY-MM-DD') AS "endsOn",
              v.time_zone AS "timeZone",
              count(a.id)::int AS total,
              count(a.id) FILTER (WHERE a.status = 'completed')::int AS completed,
              coalesce(round(avg(a.progress_percent) FILTER (WHERE ${countedInCompletionSql('a')}), 1), 0) AS "completionPercent",
              count(a.id) FILTER (WHERE ${overdueSql('a', 'v.today')})::int AS overdue,
              count(a.id) FILTER (WHERE ${openStatusSql('a')}
                                   AND a.due_on BETWEEN v.today AND v.today + 30)::int AS "dueNext30Days",
              to_char(min(a.due_on) FILTER (WHERE ${openStatusSql('a')} AND a.due_on >= v.today),
                      'YYYY-MM-DD') AS "nextDueOn"
         FROM visible v LEFT JOIN activities a ON a.plan_id = v.id
        GROUP BY v.id, v.title, v.agreement_id, v.agreement_title, v.party_codes, v.starts_on,
                 v.ends_on, v.time_zone, v.translations, v.agreement_translations
        ORDER BY v.starts_on DESC, v.id`,
      params,
    );
    return {
      items: rows.map((r) => ({ ...r, completionPercent: Number(r.completionPercent) })),
      total: countRows[0].n,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
