import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceKind } from './evidence-kinds';

/**
 * One file proving that an activity, or one party's part of it, took place. The bytes are in the file
 * store (`fileId`); size, type and SHA-256 are copied here so that lists never read the file.
 */
@Entity('activity_evidence')
export class ActivityEvidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  /** null: evidence of the activity as a whole, which counts for every party's part. */
  @Column({ name: 'party_code', type: 'varchar', length: 16, nullable: true })
  partyCode: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: EvidenceKind;

  /** Cleaned (evidence-file-names.ts): no path, no invisible characters. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** Detected from the content, never from the name. */
  @Column({ name: 'media_type', type: 'varchar', length: 255 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;
}
