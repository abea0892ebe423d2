import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FileStore } from '../common/files/storage/file-store';
import { Clock } from '../common/time/clock';
import type { Language } from '../dashboard/i18n/languages';
import { renderPackHtml } from './pack-html';
import { buildPackModel } from './pack-model';
import type { PackJob } from './pack-queue';
import { PackReader } from './pack-reader';
import { PdfRenderer } from './pdf-renderer';

/**
 * The worker's side of the pack: read the plan, lay the pack out in the plan's two languages, print
 * it with Chromium, store the PDF and mark the request ready. A job whose request has been superseded
 * (asked again since) or whose meeting is gone does nothing. The PDF it replaces is deleted once the
 * new one is in place.
 */
@Injectable()
export class PackPrinter {
  private readonly logger = new Logger('PackPrinter');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: PackReader,
    private readonly renderer: PdfRenderer,
    private readonly files: FileStore,
    private readonly clock: Clock,
  ) {}

  async print(job: PackJob, lastAttempt: boolean): Promise<void> {
    // Any failure on the last attempt (reading, printing, storing, marking ready) leaves the request
    // `failed`, never `queued` for good: the page offers to ask again.
    try {
      await this.printPending(job);
    } catch (error) {
      if (lastAttempt) await this.markFailed(job, (error as Error).message);
      throw error;
    }
  }

  /**
   * A job BullMQ gave up on without its handler deciding (a worker killed mid-print, twice: the job
   * stalled out of its attempts) still ends its request as failed.
   */
  async abandoned(job: PackJob, reason: string): Promise<void> {
    await this.markFailed(job, reason);
  }

  private async printPending(job: PackJob): Promise<void> {
    const languages = await this.pendingLanguages(job);
    if (!languages) return;
    const model = buildPackModel(await this.reader.read(job.meetingId));
    const pdf = await this.renderer.render(renderPackHtml(model, languages));
    const stored = await this.files.put(pdf, { mediaType: 'application/pdf' });
    let replaced: { superseded: boolean; previous: string | null };
    try {
      replaced = await this.dataSource.transaction(async (em) => {
        const rows: { fileId: string | null }[] = await em.query(
          `SELECT file_id AS "fileId" FROM meeting_packs
            WHERE meeting_id = $1 AND request_no = $2 AND status = 'queued' FOR UPDATE`,
          [job.meetingId, job.requestNo],
        );
        if (!rows[0]) return { superseded: true, previous: null };
        await em.query(
          `UPDATE meeting_packs SET status = 'ready', file_id = $3, generated_at = $4, error = NULL
            WHERE meeting_id = $1 AND request_no = $2`,
          [job.meetingId, job.requestNo, stored.id, this.clock.now()],
        );
        return { superseded: false, previous: rows[0].fileId };
      });
    } catch (error) {
      // The PDF was stored but never referenced: it must not stay behind.
      await this.files.delete(stored.id);
      throw error;
    }
    // A superseded job's PDF is nobody's; a replaced PDF is nobody's any more.
    if (replaced.superseded) await this.files.delete(stored.id);
    else if (replaced.previous) await this.files.delete(replaced.previous);
    this.logger.log(
      `pack of meeting ${job.meetingId} (request ${job.requestNo}): ${
        replaced.superseded ? 'superseded, discarded' : `${stored.sizeBytes} bytes`
      }`,
    );
  }

  /** The languages of the request this job carries, or null when it is no longer the one waiting. */
  private async pendingLanguages(job: PackJob): Promise<Language[] | null> {
    const rows: { languages: Language[] }[] = await this.dataSource.query(
      `SELECT languages FROM meeting_packs
        WHERE meeting_id = $1 AND request_no = $2 AND status = 'queued'`,
      [job.meetingId, job.requestNo],
    );
    return rows[0]?.languages ?? null;
  }

  private async markFailed(job: PackJob, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE meeting_packs SET status = 'failed', error = $3
        WHERE meeting_id = $1 AND request_no = $2 AND status = 'queued'`,
      [job.meetingId, job.requestNo, error.slice(0, 2000)],
    );
  }
}
