import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';

export const MEETING_STATUSES = ['planned', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Someone at the meeting: a name, and the party and role when known. */
export interface Participant {
  name: string;
  partyCode?: string;
  role?: string;
}

/** A meeting of the joint follow-up committee of a plan: planned (a future date) or held. */
@Entity('committee_meetings')
@Index('IDX_committee_meetings_plan', ['planId', 'heldOn'])
export class CommitteeMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** The meeting's date (planned or actual), in the plan's calendar. */
  @Column({ name: 'held_on', type: 'date' })
  heldOn: CalendarDate;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  participants: Participant[];

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status: MeetingStatus;

  /** When the plan's baseline was copied for this meeting; null until then. Taken once. */
  @Column({ name: 'baseline_taken_at', type: 'timestamptz', nullable: true })
  baselineTakenAt: Date | null;

  /** Optimistic lock, checked by a conditional UPDATE. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
