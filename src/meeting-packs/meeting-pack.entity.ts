import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '../dashboard/i18n/languages';

export const PACK_STATUSES = ['queued', 'ready', 'failed'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];

/** The committee pack of one meeting: its latest request and, once printed, its PDF. */
@Entity('meeting_packs')
export class MeetingPack {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ type: 'varchar', length: 16 })
  status: PackStatus;

  /** Grows with each request; the job carries it, so only the latest request's job may finish it. */
  @Column({ name: 'request_no', type: 'int', default: 1 })
  requestNo: number;

  /** The PDF in FileStore; null until printed. */
  @Column({ name: 'file_id', type: 'uuid', nullable: true })
  fileId: string | null;

  @Column({ type: 'varchar', length: 2, array: true })
  languages: Language[];

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true })
  generatedAt: Date | null;

  /** Why the last attempt failed, for operators; never shown to API callers verbatim. */
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
