import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { canDeleteEvidence, canReportResults } from '../common/auth/permissions';
import { Forbidden, InvalidInput, NotFound } from '../common/errors/domain-errors';
import { FileStore, type StoredFileContent } from '../common/files/storage/file-store';
import { Clock } from '../common/time/clock';
import { detectEvidenceType } from '../evidence/evidence-content-types';
import { cleanFileName } from '../evidence/evidence-file-names';
import type { UploadedEvidenceFile } from '../evidence/evidence.service';
import { ResultValueEvidence } from './result-value-evidence.entity';
import { ResultValue } from './result-value.entity';
import { ResultValuesService } from './result-values.service';
import { type EvidenceFileView, toEvidenceFileView } from './result-views';

/**
 * Files backing a reported value: added by whoever may report the value (its party's focal point, a
 * programme manager), checked by content like activity evidence (src/evidence/), read by the plan's
 * readers, removed by the uploader or a programme manager.
 */
@Injectable()
export class ValueEvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
    private readonly values: ResultValuesService,
    private readonly files: FileStore,
    private readonly clock: Clock,
  ) {}

  async upload(
    actor: Actor,
    planId: string,
    valueId: string,
    file: UploadedEvidenceFile | undefined,
  ): Promise<EvidenceFileView> {
    await this.plans.findVisible(actor, planId);
    const value = await this.values.valueOf(planId, valueId);
    if (!canReportResults(actor, value.partyCode)) {
      throw new Forbidden(
        `Only the focal point of ${value.partyCode} (or a programme manager) adds evidence to ${value.partyCode}'s values.`,
      );
    }
    if (!file?.buffer)
      throw InvalidInput.field('file', 'is required (a multipart part named file)');
    const cleaned = cleanFileName(file.originalname);
    const type = await detectEvidenceType(file.buffer, cleaned, file.mimetype);
    const fileName = cleanFileName(cleaned, type.extension);
    const stored = await this.files.put(file.buffer, { mediaType: type.mediaType });
    try {
      const row = await this.dataSource.transaction(async (em) => {
        // The value may have gone with its indicator meanwhile: then the file goes too.
        const locked = await em.findOne(ResultValue, {
          select: { id: true },
          where: { id: valueId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!locked) throw new NotFound('Result value', valueId);
        return em.save(
          em.create(ResultValueEvidence, {
            valueId,
            fileName,
            mediaType: stored.mediaType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            fileId: stored.id,
            uploadedAt: this.clock.now(),
            uploadedBy: actor.id,
          }),
        );
      });
      return toEvidenceFileView(row, new Map([[actor.id, actor.name]]));
    } catch (error) {
      await this.files.delete(stored.id);
      throw error;
    }
  }

  async content(
    actor: Actor,
    planId: string,
    valueId: string,
    evidenceId: string,
  ): Promise<{ evidence: ResultValueEvidence; file: StoredFileContent }> {
    await this.plans.findVisible(actor, planId);
    await this.values.valueOf(planId, valueId);
    const evidence = await this.evidenceOf(valueId, evidenceId);
    const file = await this.files.get(evidence.fileId);
    if (!file) throw new NotFound('Evidence', evidenceId);
    return { evidence, file };
  }

  async remove(actor: Actor, planId: string, valueId: string, evidenceId: string): Promise<void> {
    await this.plans.findVisible(actor, planId);
    await this.values.valueOf(planId, valueId);
    const evidence = await this.evidenceOf(valueId, evidenceId);
    if (!canDeleteEvidence(actor, evidence.uploadedBy)) {
      throw new Forbidden(
        'Evidence is removed by whoever uploaded it, or by a programme manager; you may read it.',
      );
    }
    // The row's trigger removes its stored file in the same statement's transaction.
    const result = await this.dataSource.manager.delete(ResultValueEvidence, {
      id: evidenceId,
      valueId,
    });
    if (!result.affected) throw new NotFound('Evidence', evidenceId);
    await this.files.delete(evidence.fileId);
  }

  private async evidenceOf(valueId: string, evidenceId: string): Promise<ResultValueEvidence> {
    const evidence = await this.dataSource.manager.findOneBy(ResultValueEvidence, {
      id: evidenceId,
      valueId,
    });
    if (!evidence) throw new NotFound('Evidence', evidenceId);
    return evidence;
  }
}
