import { Entity, PrimaryColumn } from 'typeorm';

/** An activity that serves an indicator. Deleting the activity removes the link, nothing else. */
@Entity('result_indicator_activities')
export class ResultIndicatorActivity {
  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' })
  indicatorId: string;

  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;
}
