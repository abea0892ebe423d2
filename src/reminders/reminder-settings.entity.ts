import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderRules } from './reminder-rules';

/** A single row (id 1) holding the rule set, so that a PUT replaces it atomically. */
@Entity('reminder_settings')
export class ReminderSettings {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'jsonb' })
  rules: ReminderRules;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
