import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity';
import { IDEMPOTENCY_KEY_TTL_MS, type KeyedRequest } from './idempotency-rules';

/**
 * The idempotency_keys table. Claiming a key is one INSERT ... ON CONFLICT DO NOTHING: of two
 * concurrent requests with the same key, PostgreSQL lets exactly one insert the row.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True if this request now owns the key; false if a row for it already exists. */
  async claim(callerId: string, key: string, request: KeyedRequest, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (caller_id, key, method, path, request_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (caller_id, key) DO NOTHING
       RETURNING key`,
      [callerId, key, request.method, request.path, request.requestHash, now],
    );
    return rows.length === 1;
  }

  find(callerId: string, key: string): Promise<IdempotencyKey | null> {
    return this.dataSource.getRepository(IdempotencyKey).findOneBy({ callerId, key });
  }

  /**
   * Re-claims an expired or abandoned key, only if nobody else did meanwhile (the row still has the
   * creation time we saw).
   */
  async takeOver(stored: IdempotencyKey, request: KeyedRequest, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(IdempotencyKey)
      .set({ ...request, responseStatus: null, responseBody: null, createdAt: now })
      .where('caller_id = :callerId AND key = :key AND created_at = :seen', {
        callerId: stored.callerId,
        key: stored.key,
        seen: stored.createdAt,
      })
      .execute();
    return result.affected === 1;
  }

  async complete(
    callerId: string,
    key: string,
    responseStatus: number,
    responseBody: string | null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyKey)
      .update({ callerId, key }, { responseStatus, responseBody });
  }

  /** Forgets a key whose request failed, so that the caller may retry it with the same key. */
  async release(callerId: string, key: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKey)
      .where('caller_id = :callerId AND key = :key AND response_status IS NULL', { callerId, key })
      .execute();
  }

  /** The cleanup query: keys older than 24 hours. Answers how many were removed. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKey)
      .where('created_at <= :limit', { limit: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) })
      .execute();
    return result.affected ?? 0;
  }
}
