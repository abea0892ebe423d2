import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's choice to switch a channel off (or back on) for one kind of reminder. Absent = on. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'rule_kind', type: 'varchar', length: 32 })
  ruleKind: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'boolean' })
  enabled: boolean;
}
