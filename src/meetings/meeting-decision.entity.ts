import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionTranslations } from './decision-text';

/** A decision of a committee meeting; it may have become an activity of the plan. */
@Entity('meeting_decisions')
@Index('IDX_meeting_decisions_meeting', ['meetingId', 'position'])
export class MeetingDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  /** The decision as written (in whatever language the secretariat wrote it). */
  @Column({ type: 'text' })
  text: string;

  /** The text in other languages: `{ ar: { text } }`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: DecisionTranslations;

  /** The activity the decision became (null when none, or when that activity was deleted). */
  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId: string | null;

  @Column({ type: 'int' })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
