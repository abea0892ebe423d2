import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActivityStatus } from '../activities/activity-rules';
import { NotFound } from '../common/errors/domain-errors';
import type { Translations } from '../common/i18n/translations';
import { todayIn, type CalendarDate } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import type { DecisionTranslations } from '../meetings/decision-text';
import { MeetingsReader } from '../meetings/meetings.reader';
import { ReminderRulesService } from '../reminders/reminder-rules.service';
import { EvidenceSince } from './evidence-since';
import type { PackInput, PackPartInput, Words } from './pack-model';

const contentWords = (title: string, translations: Translations | null): Words => ({
  original: title,
  translations: Object.fromEntries(
    Object.entries(translations ?? {})
      .filter(([, t]) => t?.title)
      .map(([language, t]) => [language, t!.title!]),
  ),
});

const decisionWords = (text: string, translations: DecisionTranslations | null): Words => ({
  original: text,
  translations: Object.fromEntries(
    Object.entries(translations ?? {})
      .filter(([, t]) => t?.text)
      .map(([language, t]) => [language, t!.text]),
  ),
});

interface PlanRow {
  planId: string;
  title: string;
  translations: Translations;
  partyCodes: string[];
  timeZone: string;
  agreementTitle: string;
  agreementTranslations: Translations;
}

/**
 * Everything the pack of a meeting says, read for the system (the worker): the routes have checked
 * that the caller may read the plan before a pack is asked for, and a plan's readers all see all of it.
 */
@Injectable()
export class PackReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meetings: MeetingsReader,
    private readonly evidence: EvidenceSince,
    private readonly rules: ReminderRulesService,
    private readonly clock: Clock,
  ) {}

  async read(meetingId: string): Promise<PackInput> {
    const db = this.dataSource.manager;
    const changes = await this.meetings.changesSince(meetingId);
    const plan = await this.plan(changes.meeting.planId);
    const today = todayIn(plan.timeZone, this.clock.now());
    const [meeting] = (await db.query(
      `SELECT held_on::text AS "heldOn", place FROM committee_meetings WHERE id = $1`,
      [meetingId],
    )) as { heldOn: CalendarDate; place: string | null }[];
    const previous = changes.previousMeeting;
    return {
      agreement: contentWords(plan.agreementTitle, plan.agreementTranslations),
      plan: contentWords(plan.title, plan.translations),
      parties: await this.parties(plan.partyCodes),
      meeting,
      previousMeeting: previous ? { heldOn: previous.heldOn } : null,
      activities: await this.activities(plan.planId, plan.timeZone),
      changes: changes.changes.map((c) => ({
        ...c,
        activityTitle: contentWords(c.activityTitle.title, c.activityTitle.translations),
      })),
      evidence: await this.evidence.of(plan.planId, meetingId, previous?.id ?? null, plan.timeZone),
      decisions: previous ? await this.decisions(previous.id) : [],
      today,
      // "Silent" means what the stagnation nudges mean by it, with the same editable threshold.
      silentAfterDays: (await this.rules.current()).stagnation.silentAfterDays,
    };
  }

  private async plan(planId: string): Promise<PlanRow> {
    const rows: PlanRow[] = await this.dataSource.query(
      `SELECT p.id AS "planId", p.title, p.translations, p.party_codes AS "partyCodes",
              p.time_zone AS "timeZone", ag.title AS "agreementTitle",
              ag.translations AS "agreementTranslations"
         FROM action_plans p JOIN agreements ag ON ag.id = p.agreement_id
        WHERE p.id = $1`,
      [planId],
    );
    if (!rows[0]) throw new NotFound('Action plan', planId);
    return rows[0];
  }

  private async parties(codes: string[]): Promise<PackInput['parties']> {
    const rows: PackInput['parties'] = await this.dataSource.query(
      `SELECT code, name, names FROM parties WHERE code = ANY($1::varchar[])`,
      [codes],
    );
    return codes.map(
      (code) => rows.find((r) => r.code === code) ?? { code, name: code, names: {} },
    );
  }

  private async activities(planId: string, timeZone: string): Promise<PackInput['activities']> {
    const rows: {
      id: string;
      title: string;
      translations: Translations;
      dueOn: CalendarDate;
      status: ActivityStatus;
      progressPercent: number;
      parts: {
        partyCode: string;
        status: ActivityStatus;
        progressPercent: number;
        updatedAt: string;
      }[];
    }[] = await this.dataSource.query(
      `SELECT a.id, a.title, a.translations, a.due_on::text AS "dueOn", a.status,
              a.progress_percent AS "progressPercent",
              coalesce(json_agg(json_build_object(
                'partyCode', ap.party_code, 'status', ap.status,
                'progressPercent', ap.progress_percent, 'updatedAt', ap.updated_at)
                ORDER BY ap.party_code) FILTER (WHERE ap.party_code IS NOT NULL), '[]') AS parts
         FROM activities a LEFT JOIN activity_parts ap ON ap.activity_id = a.id
        WHERE a.plan_id = $1
        GROUP BY a.id
        ORDER BY a.due_on, a.title, a.id`,
      [planId],
    );
    return rows.map((a) => ({
      id: a.id,
      title: contentWords(a.title, a.translations),
      dueOn: a.dueOn,
      status: a.status,
      progressPercent: a.progressPercent,
      parts: a.parts.map((p): PackPartInput => ({
        partyCode: p.partyCode,
        status: p.status,
        progressPercent: p.progressPercent,
        lastUpdateOn: todayIn(timeZone, new Date(p.updatedAt)),
      })),
    }));
  }

  private async decisions(meetingId: string): Promise<PackInput['decisions']> {
    const rows: {
      text: string;
      translations: DecisionTranslations;
      activityTitle: string | null;
      activityTranslations: Translations | null;
      status: ActivityStatus | null;
      progressPercent: number | null;
    }[] = await this.dataSource.query(
      `SELECT d.text, d.translations, a.title AS "activityTitle",
              a.translations AS "activityTranslations", a.status,
              a.progress_percent AS "progressPercent"
         FROM meeting_decisions d LEFT JOIN activities a ON a.id = d.activity_id
        WHERE d.meeting_id = $1
        ORDER BY d.position, d.created_at, d.id`,
      [meetingId],
    );
    return rows.map((d) => ({
      text: decisionWords(d.text, d.translations),
      activity:
        d.activityTitle !== null && d.status !== null
          ? {
              title: contentWords(d.activityTitle, d.activityTranslations),
              status: d.status,
              progressPercent: d.progressPercent ?? 0,
            }
          : null,
    }));
  }
}
