import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** Rule kinds it receives (`activity_due`, `agreement_expiry`…). */
  @Column({ type: 'varchar', array: true })
  events: string[];

  /**
   * HMAC-SHA256 key for `X-Accords-Signature`. Kept in clear because signing needs it; shown once at
   * creation and never listed.
   */
  @Column({ type: 'varchar', length: 128 })
  secret: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
