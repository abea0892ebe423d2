import type { Translations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';
import type { ClaimedNotification } from '../notifications/notification-lifecycle';
import { OPEN_PART_CODES } from './open-part-codes';
import { MISSING_NOTIFICATIONS, NOTIFICATION_BASES } from './reminder-candidates';
import { openStatusSql } from '../activities/activity-sql';
import { preparedQuery } from '../database/prepared';
import type { PartyLike } from '../parties/party-names';
import { namedPartiesJsonSql } from '../parties/party-sql';

/** What a delivery needs to know about its subject, read when it is sent (not when planned). */
export interface SubjectDetails {
  title: string;
  translations: Translations;
  context: string | null;
  /** The context's own translations (the plan's or the agreement's title). */
  contextTranslations: Translations;
  /** The subject's date as it is now: the due date, expiry or notice deadline. */
  currentDate: CalendarDate | null;
  open: boolean;
  renewalMode: 'none' | 'tacit' | 'explicit' | null;
  /** Parties of the subject (named in the message). */
  partyCodes: string[];
  /**
   * Parties whose focal points may receive it, when not all of `partyCodes`: for an activity, those
   * whose part is still open (a country that has done its share is no longer reminded).
   */
  concernedPartyCodes?: string[];
  /** Path under the dashboard (`#activity/<id>`). */
  anchor: string;
  /** The parties of `partyCodes` as they are named (a concerned party is one of them). */
  parties: PartyLike[];
}

/**
 * A planned reminder still stands only if its subject is open and its date has not moved: moving a
 * deadline makes new keys, completing or cancelling an activity (or giving notice) stops them.
 */
export function isStillDue(
  row: Pick<ClaimedNotification, 'dueOn'>,
  subject: SubjectDetails,
): boolean {
  return subject.open && subject.currentDate === row.dueOn;
}

@Injectable()
export class ReminderSubjects {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async describe(row: ClaimedNotification): Promise<SubjectDetails | null> {
    switch (row.subjectType) {
      case 'activity':
        return this.one(
          `SELECT a.title, a.translations, p.title AS context,
                  p.translations AS "contextTranslations", to_char(a.due_on, 'YYYY-MM-DD') AS "currentDate",
                  ${openStatusSql('a')} AS open, NULL AS "renewalMode",
                  'activity/' || a.id AS anchor, a.party_codes AS "partyCodes",
                  ${OPEN_PART_CODES} AS "concernedPartyCodes"
             FROM activities a JOIN action_plans p ON p.id = a.plan_id WHERE a.id = $1`,
          row.subjectId,
        );
      case 'plan':
        return this.one(
          `SELECT p.title, p.translations, ag.title AS context,
                  ag.translations AS "contextTranslations", to_char(p.ends_on, 'YYYY-MM-DD') AS "currentDate",
                  true AS open, NULL AS "renewalMode", 'plan/' || p.id AS anchor,
                  p.party_codes AS "partyCodes"
             FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id WHERE p.id = $1`,
          row.subjectId,
        );
      case 'agreement': {
        if (row.ruleKind === 'agreement_notification_missing') {
          // Still due while the clause waits for notifications and some party has not notified;
          // only the focal points of those parties are concerned.
          return this.one(
            `SELECT title, translations, reference AS context, '{}'::jsonb AS "contextTranslations",
                    to_char(signed_on, 'YYYY-MM-DD') AS "currentDate",
                    (entry_into_force_basis IN ${NOTIFICATION_BASES} AND cardinality(${MISSING_NOTIFICATIONS}) > 0) AS open,
                    renewal_mode AS "renewalMode", 'agreement/' || id AS anchor,
                    party_codes AS "partyCodes", ${MISSING_NOTIFICATIONS} AS "concernedPartyCodes"
               FROM agreements ag WHERE id = $1`,
            row.subjectId,
          );
        }
        if (row.ruleKind === 'denunciation_effect') {
          // Withdrawn, the date is gone (null) and the planned reminder no longer stands.
          return this.one(
            `SELECT title, translations, reference AS context, '{}'::jsonb AS "contextTranslations",
                    to_char(denunciation_takes_effect_on, 'YYYY-MM-DD') AS "currentDate",
                    true AS open, renewal_mode AS "renewalMode", 'agreement/' || id AS anchor,
                    party_codes AS "partyCodes"
               FROM agreements WHERE id = $1`,
            row.subjectId,
          );
        }
        const dateColumn = row.ruleKind === 'notice_deadline' ? 'notice_deadline_on' : 'expires_on';
        const open =
          row.ruleKind === 'notice_deadline'
            ? `status IN ('in_force', 'renewed') AND non_renewal_notice_on IS NULL`
            : `status IN ('in_force', 'renewed')`;
        return this.one(
          `SELECT title, translations, reference AS context, '{}'::jsonb AS "contextTranslations", to_char(${dateColumn}, 'YYYY-MM-DD') AS "currentDate",
                  (${open}) AS open, renewal_mode AS "renewalMode", 'agreement/' || id AS anchor,
                  party_codes AS "partyCodes"
             FROM agreements WHERE id = $1`,
          row.subjectId,
        );
      }
      case 'digest':
      case 'meeting': // stagnation nudges are worded by nudges/, from the meeting's plan
      case 'account': // account mails are written by auth/accounts, never as reminders
        return null;
    }
  }

  /**
   * A handful of fixed texts, read once per delivery: named prepared statements. Each also brings the
   * names of the subject's parties, which the mail writes out.
   */
  private async one(sql: string, id: string): Promise<SubjectDetails | null> {
    const withParties = `SELECT s.*, ${namedPartiesJsonSql('s."partyCodes"')} AS parties FROM (${sql}) s`;
    const rows = await preparedQuery<SubjectDetails>(this.dataSource.manager, withParties, [id]);
    return rows[0] ?? null;
  }
}
