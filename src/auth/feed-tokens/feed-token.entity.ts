import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A secret that lets a calendar client read `calendar.ics` as its owner, without a bearer token. */
@Entity('feed_tokens')
@Index('IDX_feed_tokens_user', ['userId', 'createdAt'])
export class FeedToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** SHA-256 (hex) of the token; the token itself is shown once, at creation, and never stored. */
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  label: string | null;

  /** From the injected clock, like every instant the services write. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
