import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file backing a reported value (a register extract, a list of trainees). Bytes in the file store. */
@Entity('result_value_evidence')
export class ResultValueEvidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'value_id', type: 'uuid' })
  valueId: string;

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
