import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An observer reads only the agreements it is granted (and their plans and activities). */
@Entity('observer_grants')
export class ObserverGrant {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Index()
  @PrimaryColumn({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
