import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { NotFound } from '../common/errors/domain-errors';
import { attachmentDisposition } from '../common/files/file-names';
import type { ExportFile } from '../common/files/export-file';
import { FileStore } from '../common/files/storage/file-store';
import type { CalendarDate } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import type { Language } from '../dashboard/i18n/languages';
import type { PackStatus } from './meeting-pack.entity';
import { PackQueue } from './pack-queue';

/** What `GET …/pack` answers. */
export interface PackStatusView {
  status: PackStatus | 'none';
  languages: Language[] | null;
  requestedAt: Date | null;
  generatedAt: Date | null;
  sizeBytes: number | null;
  sha256: string | null;
}

interface PackRow {
  status: PackStatus;
  languages: Language[];
  requestedAt: Date;
  generatedAt: Date | null;
  fileId: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

const NONE: PackStatusView = {
  status: 'none',
  languages: null,
  requestedAt: null,
  generatedAt: null,
  sizeBytes: null,
  sha256: null,
};

/**
 * The committee pack as the api offers it: ask for one (a job for the worker), see where it stands,
 * download it. Every call first checks that the caller may read the plan (NotFound otherwise) and that
 * the meeting is that plan's; the routes restrict asking to programme managers and admins.
 */
@Injectable()
export class MeetingPacksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly queue: PackQueue,
    private readonly files: FileStore,
    private readonly clock: Clock,
  ) {}

  async request(actor: Actor, planId: string, meetingId: string): Promise<PackStatusView> {
    const { plan } = await this.plans.findVisible(actor, planId);
    await this.meetingOf(planId, meetingId);
    // Each request gets the next number: the job carries it, and an older job still in the queue
    // (or retrying) finds a newer number on the row and leaves it alone.
    const [row] = (await this.dataSource.query(
      `INSERT INTO meeting_packs (meeting_id, status, request_no, languages, requested_by, requested_at)
       VALUES ($1, 'queued', 1, $2::varchar[], $3, $4)
       ON CONFLICT (meeting_id) DO UPDATE
         SET status = 'queued', request_no = meeting_packs.request_no + 1,
             languages = EXCLUDED.languages, requested_by = EXCLUDED.requested_by,
             requested_at = EXCLUDED.requested_at, error = NULL
       RETURNING request_no AS "requestNo"`,
      [meetingId, plan.packLanguages, actor.id, this.clock.now()],
    )) as { requestNo: number }[];
    try {
      await this.queue.add({ meetingId, requestNo: row.requestNo });
    } catch (error) {
      await this.dataSource.query(
        `UPDATE meeting_packs SET status = 'failed', error = $3
          WHERE meeting_id = $1 AND request_no = $2`,
        [meetingId, row.requestNo, 'the queue did not answer'],
      );
      throw error;
    }
    return this.status(actor, planId, meetingId);
  }

  async status(actor: Actor, planId: string, meetingId: string): Promise<PackStatusView> {
    await this.plans.findVisible(actor, planId);
    await this.meetingOf(planId, meetingId);
    const row = await this.row(meetingId);
    if (!row) return NONE;
    const ready = row.status === 'ready' && row.fileId !== null;
    return {
      status: row.status === 'ready' && !ready ? 'failed' : row.status,
      languages: row.languages,
      requestedAt: row.requestedAt,
      generatedAt: ready ? row.generatedAt : null,
      sizeBytes: ready ? row.sizeBytes : null,
      sha256: ready ? row.sha256 : null,
    };
  }

  /** The PDF; NotFound while there is none ready (never asked, queued, failed). */
  async download(actor: Actor, planId: string, meetingId: string): Promise<ExportFile> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const heldOn = await this.meetingOf(planId, meetingId);
    const row = await this.row(meetingId);
    const file = row?.status === 'ready' && row.fileId ? await this.files.get(row.fileId) : null;
    if (!file) throw new NotFound('Committee pack', meetingId);
    return {
      body: file.content,
      contentType: 'application/pdf',
      disposition: attachmentDisposition(plan.title, 'committee-pack', heldOn, 'pdf'),
    };
  }

  /** The meeting's date; NotFound unless it is a meeting of this plan. */
  private async meetingOf(planId: string, meetingId: string): Promise<CalendarDate> {
    const rows: { heldOn: CalendarDate }[] = await this.dataSource.query(
      `SELECT held_on::text AS "heldOn" FROM committee_meetings WHERE id = $1 AND plan_id = $2`,
      [meetingId, planId],
    );
    if (!rows[0]) throw new NotFound('Meeting', meetingId);
    return rows[0].heldOn;
  }

  private async row(meetingId: string): Promise<PackRow | null> {
    const rows: PackRow[] = await this.dataSource.query(
      `SELECT mp.status, mp.languages, mp.requested_at AS "requestedAt",
              mp.generated_at AS "generatedAt", mp.file_id AS "fileId",
              sf.size_bytes AS "sizeBytes", sf.sha256
         FROM meeting_packs mp LEFT JOIN stored_files sf ON sf.id = mp.file_id
        WHERE mp.meeting_id = $1`,
      [meetingId],
    );
    return rows[0] ?? null;
  }
}
