import type { ContentLanguage } from '../common/i18n/translations';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PartyNames = Partial<Record<ContentLanguage, string>>;

export const PARTY_TYPES = ['state', 'organisation'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

/** A state (ISO 3166-1 alpha-2 code) or an organisation (short upper-case acronym). */
@Entity('parties')
export class Party {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable business key; other tables refer to parties by code. */
  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Short names per language (`{ fr: 'OIM', en: 'IOM', ar: '…' }`), shown instead of the code. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  names: PartyNames;

  @Column({ type: 'varchar', length: 16 })
  type: PartyType;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
