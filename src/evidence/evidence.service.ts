import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ActivitiesService } from '../activities/activities.service';
import { ActivityHistory, type HistoryValue } from '../activities/activity-history.entity';
import { Activity } from '../activities/activity.entity';
import type { Actor } from '../common/auth/actor';
import { canDeleteEvidence, canUploadEvidence } from '../common/auth/permissions';
import { Forbidden, InvalidInput, NotFound } from '../common/errors/domain-errors';
import { FileStore, type StoredFileContent } from '../common/files/storage/file-store';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { User } from '../users/user.entity';
import { ActivityEvidence } from './activity-evidence.entity';
import { detectEvidenceType } from './evidence-content-types';
import { cleanFileName } from './evidence-file-names';
import { EvidenceGate } from './evidence-gate';
import { toEvidenceView, type EvidenceItemView, type EvidenceListView } from './evidence-view';
import type { UploadEvidenceDto } from './dto/upload-evidence.dto';

/** The file part of an upload, as the multipart interceptor hands it over. */
export interface UploadedEvidenceFile {
  originalname: string;
  mimetype: string;
  buffer?: Buffer;
}

/**
 * Evidence of an activity or of one party's part: scoped like the activity (404 when the caller cannot
 * read its plan), uploaded by the part's focal point or a programme manager, every upload and deletion
 * recorded in the activity's history as `evidence` (activity-level) or `parts.<code>.evidence`, the
 * value being `[kind, fileName, sha256]`.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesService,
    private readonly files: FileStore,
    private readonly gate: EvidenceGate,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, activityId: string): Promise<EvidenceListView> {
    const { activity } = await this.activities.findVisible(actor, activityId);
    const rows = await this.dataSource.manager.find(ActivityEvidence, {
      where: { activityId },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    const names = await this.userNames(rows.map((r) => r.uploadedBy));
    return {
      items: rows.map((r) => toEvidenceView(r, names)),
      requirements: await this.gate.checklists(activity, partiesOf(activity), rows),
      maxBytes: this.config.EVIDENCE_MAX_BYTES,
    };
  }

  async upload(
    actor: Actor,
    activityId: string,
    dto: UploadEvidenceDto,
    file: UploadedEvidenceFile | undefined,
  ): Promise<EvidenceItemView> {
    const { activity } = await this.activities.findVisible(actor, activityId);
    const partyCode = dto.partyCode ?? null;
    if (partyCode !== null && !partiesOf(activity).includes(partyCode)) {
      throw InvalidInput.field(
        'partyCode',
        `is not a party of this activity (${partiesOf(activity).join(', ')})`,
      );
    }
    if (!canUploadEvidence(actor, activity, partyCode)) {
      throw new Forbidden(
        partyCode
          ? `Only the focal point of ${partyCode} (or a programme manager) may add evidence to ${partyCode}'s part.`
          : 'Only a focal point of a party on this activity (or a programme manager) may add evidence to it.',
      );
    }
    if (!file?.buffer)
      throw InvalidInput.field('file', 'is required (a multipart part named file)');
    // The name is cleaned before its extension is compared with the content: `photo.pdf.` (or a
    // trailing space or zero-width character) would otherwise show no extension to check, then be
    // stored as `photo.pdf` over PNG bytes.
    const cleaned = cleanFileName(file.originalname);
    const type = await detectEvidenceType(file.buffer, cleaned, file.mimetype);
    const fileName = cleanFileName(cleaned, type.extension);

    const stored = await this.files.put(file.buffer, { mediaType: type.mediaType });
    try {
      const row = await this.dataSource.transaction(async (em) => {
        await lockActivity(em, activityId);
        const at = this.clock.now();
        const saved = await em.save(
          em.create(ActivityEvidence, {
            activityId,
            partyCode,
            kind: dto.kind,
            fileName,
            mediaType: stored.mediaType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            fileId: stored.id,
            uploadedAt: at,
            uploadedBy: actor.id,
          }),
        );
        await this.record(em, actor, saved, at, null, describe(saved));
        return saved;
      });
      return toEvidenceView(row, new Map([[actor.id, actor.name]]));
    } catch (error) {
      // The row was not written: the stored bytes must not stay behind.
      await this.files.delete(stored.id);
      throw error;
    }
  }

  /** The evidence row and its bytes, for a download. */
  async content(
    actor: Actor,
    activityId: string,
    evidenceId: string,
  ): Promise<{ evidence: ActivityEvidence; file: StoredFileContent }> {
    await this.activities.findVisible(actor, activityId);
    const evidence = await this.findOf(activityId, evidenceId);
    const file = await this.files.get(evidence.fileId);
    if (!file) throw new NotFound('Evidence', evidenceId);
    return { evidence, file };
  }

  async remove(actor: Actor, activityId: string, evidenceId: string): Promise<void> {
    await this.activities.findVisible(actor, activityId);
    const evidence = await this.findOf(activityId, evidenceId);
    if (!canDeleteEvidence(actor, evidence.uploadedBy)) {
      throw new Forbidden(
        'Evidence is removed by whoever uploaded it, or by a programme manager; you may read it.',
      );
    }
    await this.dataSource.transaction(async (em) => {
      await lockActivity(em, activityId);
      // The row's trigger removes its stored file in this transaction (PostgreSQL store).
      const result = await em.delete(ActivityEvidence, { id: evidenceId, activityId });
      if (!result.affected) throw new NotFound('Evidence', evidenceId);
      await this.record(em, actor, evidence, this.clock.now(), describe(evidence), null);
    });
    // For a store outside the database (S3) the file goes here; a no-op when the trigger did it.
    await this.files.delete(evidence.fileId);
  }

  private async findOf(activityId: string, evidenceId: string): Promise<ActivityEvidence> {
    const evidence = await this.dataSource.manager.findOneBy(ActivityEvidence, {
      id: evidenceId,
      activityId,
    });
    if (!evidence) throw new NotFound('Evidence', evidenceId);
    return evidence;
  }

  private async record(
    em: EntityManager,
    actor: Actor,
    evidence: ActivityEvidence,
    at: Date,
    from: HistoryValue,
    to: HistoryValue,
  ): Promise<void> {
    await em.insert(ActivityHistory, {
      activityId: evidence.activityId,
      actorId: actor.id,
      actorEmail: actor.email,
      at,
      field: evidence.partyCode ? `parts.${evidence.partyCode}.evidence` : 'evidence',
      fromValue: from,
      toValue: to,
      note: null,
    });
  }

  private async userNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.manager.find(User, {
      select: { id: true, name: true },
      where: { id: In(wanted) },
    });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

/** Lead party first, then the others, once each. */
function partiesOf(activity: Pick<Activity, 'leadPartyCode' | 'partyCodes'>): string[] {
  return [...new Set([activity.leadPartyCode, ...activity.partyCodes])];
}

/** What history keeps of a piece of evidence: `[kind, fileName, sha256]`. */
function describe(evidence: ActivityEvidence): string[] {
  return [evidence.kind, evidence.fileName, evidence.sha256];
}

/** Uploads and deletions of one activity take turns with its part updates (the completion gate). */
async function lockActivity(em: EntityManager, activityId: string): Promise<void> {
  const locked = await em.findOne(Activity, {
    select: { id: true },
    where: { id: activityId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!locked) throw new NotFound('Activity', activityId);
}
