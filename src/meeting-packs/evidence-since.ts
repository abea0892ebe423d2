import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Translations } from '../common/i18n/translations';
import { todayIn } from '../common/time/calendar-date';
import type { PackEvidence } from './pack-model';

/** More would not be read in a printed pack; the page lists everything. */
const MAX_EVIDENCE_ROWS = 500;

/**
 * Evidence received for a plan's activities between two meetings, oldest first: after the previous
 * meeting's baseline was taken (everything, for a first meeting) and up to this meeting's baseline
 * when it is taken (else up to now), so that two packs never list the same file twice.
 */
@Injectable()
export class EvidenceSince {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(
    planId: string,
    meetingId: string,
    previousMeetingId: string | null,
    timeZone: string,
  ): Promise<PackEvidence[]> {
    const rows: {
      kind: string;
      fileName: string;
      partyCode: string | null;
      uploadedAt: Date;
      title: string;
      translations: Translations;
    }[] = await this.dataSource.query(
      `SELECT e.kind, e.file_name AS "fileName", e.party_code AS "partyCode",
              e.uploaded_at AS "uploadedAt", a.title, a.translations
         FROM activity_evidence e JOIN activities a ON a.id = e.activity_id
        WHERE a.plan_id = $1
          AND e.uploaded_at > coalesce(
                (SELECT baseline_taken_at FROM committee_meetings WHERE id = $3), '-infinity')
          AND e.uploaded_at <= coalesce(
                (SELECT baseline_taken_at FROM committee_meetings WHERE id = $2), 'infinity')
        ORDER BY e.uploaded_at, e.id
        LIMIT ${MAX_EVIDENCE_ROWS}`,
      [planId, meetingId, previousMeetingId],
    );
    return rows.map((r) => ({
      activityTitle: {
        original: r.title,
        translations: Object.fromEntries(
          Object.entries(r.translations ?? {})
            .filter(([, t]) => t?.title)
            .map(([language, t]) => [language, t!.title!]),
        ),
      },
      partyCode: r.partyCode,
      kind: r.kind,
      fileName: r.fileName,
      receivedOn: todayIn(timeZone, new Date(r.uploadedAt)),
    }));
  }
}
