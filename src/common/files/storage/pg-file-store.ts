import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../time/clock';
import { FileStore, type StoredFile, type StoredFileContent } from './file-store';
import { sha256Hex } from './sha256';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredFileRow {
  id: string;
  content: Buffer;
  media_type: string;
  sha256: string;
  size_bytes: number;
}

/**
 * Files as rows of `stored_files` (content in a bytea column): every api instance and the worker see
 * the same files through the database they already share, and `pg_dump` backs them up with the rest.
 * Sized for documents of tens of megabytes (bytea is read whole), not for video.
 */
@Injectable()
export class PgFileStore extends FileStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async put(content: Buffer, meta: { mediaType: string }): Promise<StoredFile> {
    const sha256 = sha256Hex(content);
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO stored_files (content, media_type, sha256, size_bytes, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [content, meta.mediaType, sha256, content.length, this.clock.now()],
    );
    return { id: rows[0].id, sha256, sizeBytes: content.length, mediaType: meta.mediaType };
  }

  async get(id: string): Promise<StoredFileContent | null> {
    // An id that is not a uuid names no file (and must not reach PostgreSQL as a cast error).
    if (!UUID.test(id)) return null;
    const rows: StoredFileRow[] = await this.dataSource.query(
      `SELECT id, content, media_type, sha256, size_bytes FROM stored_files WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      content: row.content,
      mediaType: row.media_type,
      sha256: row.sha256,
      sizeBytes: row.size_bytes,
    };
  }

  async delete(id: string): Promise<void> {
    if (!UUID.test(id)) return;
    await this.dataSource.query(`DELETE FROM stored_files WHERE id = $1`, [id]);
  }
}
