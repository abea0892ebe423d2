import { Entity, PrimaryColumn } from 'typeorm';
import type { ActivityType } from '../../activities/activity.entity';
import type { EvidenceKind } from '../evidence-kinds';

/** One kind of evidence an activity type requires before a party's part may be marked completed. */
@Entity('evidence_requirements')
export class EvidenceRequirement {
  @PrimaryColumn({ name: 'activity_type', type: 'varchar', length: 32 })
  activityType: ActivityType;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind: EvidenceKind;
}
