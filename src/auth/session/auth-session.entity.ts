import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One signed-in page (a browser's cookie session). The refresh token rotates on each use; the previous
 * one is kept a few seconds so that two tabs refreshing at once do not look like theft. Any other
 * reuse of an old refresh token revokes the session: the "family" is this row.
 */
@Entity('auth_sessions')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The user's token generation at sign-in: a password, role, party or active change ends the session. */
  @Column({ name: 'token_generation', type: 'integer' })
  tokenGeneration: number;

  @Column({ name: 'refresh_hash', type: 'varchar', length: 64 })
  refreshHash: string;

  @Column({ name: 'previous_refresh_hash', type: 'varchar', length: 64, nullable: true })
  previousRefreshHash: string | null;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'idle_expires_at', type: 'timestamptz' })
  idleExpiresAt: Date;

  @Column({ name: 'absolute_expires_at', type: 'timestamptz' })
  absoluteExpiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;
}
