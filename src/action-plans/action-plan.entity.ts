import type { Translations } from '../common/i18n/translations';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';
import type { ReportingFrequency } from '../results/result-rules';

@Entity('action_plans')
export class ActionPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  /** Title and description in other languages than the original (`{ en: { title } }`). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Translations;

  @Column({ name: 'party_codes', type: 'varchar', array: true })
  partyCodes: string[];

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: CalendarDate;

  @Column({ name: 'duration_months', type: 'int' })
  durationMonths: number;

  /** Derived from startsOn + durationMonths on every write; stored so expiry queries use an index. */
  @Index()
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: CalendarDate;

  @Column({ type: 'boolean', default: false })
  renewable: boolean;

  /** "Today" and "overdue" for the plan's activities are reckoned in this IANA zone. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Africa/Casablanca' })
  timeZone: string;

  /** The plan this one renews (set by plan renewal). */
  @Column({ name: 'previous_plan_id', type: 'uuid', nullable: true })
  previousPlanId: string | null;

  /** The two languages, in order, its committee packs are printed in (meeting-packs). */
  @Column({
    name: 'pack_languages',
    type: 'varchar',
    length: 2,
    array: true,
    default: () => "'{fr,en}'",
  })
  packLanguages: string[];

  /** Results are reported per calendar half-year (default) or quarter (src/results/). */
  @Column({ name: 'reporting_frequency', type: 'varchar', length: 12, default: 'half_year' })
  reportingFrequency: ReportingFrequency;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
