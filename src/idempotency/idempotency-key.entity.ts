import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One `Idempotency-Key` a caller sent on a POST: what the request was (to refuse the key on another
 * request) and, once it succeeded, the answer to replay. `responseStatus` null means still running.
 * Rows live 24 hours (IDEMPOTENCY_KEY_TTL_MS).
 */
@Entity('idempotency_keys')
@Index('IDX_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ name: 'caller_id', type: 'uuid' })
  callerId: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'text' })
  path: string;

  /** SHA-256 (hex) of the request body in canonical form. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  /** The JSON answer as sent; null while running, for an empty answer, or when withheld (secrets). */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
