import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ROLES = ['admin', 'programme_manager', 'focal_point', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['fr', 'en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /** Required for focal points: the party they act for. */
  @Index()
  @Column({ name: 'party_code', type: 'varchar', length: 16, nullable: true })
  partyCode: string | null;

  @Column({ type: 'varchar', length: 8, default: 'fr' })
  locale: Locale;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Africa/Casablanca' })
  timeZone: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Invited by an admin and no password set yet: cannot sign in until the invitation is accepted. */
  @Column({ name: 'invitation_pending', type: 'boolean', default: false })
  invitationPending: boolean;

  /** Carried in access tokens; bumping it revokes every token issued before (see auth.guard.ts). */
  @Column({ name: 'token_generation', type: 'integer', default: 0 })
  tokenGeneration: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
