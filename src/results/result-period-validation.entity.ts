import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reporting period a programme manager validated: its values change only with a reason. */
@Entity('result_period_validations')
export class ResultPeriodValidation {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  @Column({ name: 'validated_by', type: 'uuid', nullable: true })
  validatedBy: string | null;

  @Column({ name: 'validated_at', type: 'timestamptz' })
  validatedAt: Date;
}
