import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CalendarDate } from '../common/time/calendar-date';

/**
 * Columns shared by a budget line and a spending entry. An amount is a decimal string as PostgreSQL
 * returns numeric ("1234.50"): it never passes through a binary float, so cents stay exact.
 */
abstract class MoneyEntryColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  /** The activity's plan, copied so that plan totals read one table (an activity never moves plan). */
  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** numeric(18,2) > 0, as a decimal string. */
  @Column({ type: 'numeric', precision: 18, scale: 2 })
  amount: string;

  /** ISO 4217 code; never converted into another currency. */
  @Column({ type: 'char', length: 3 })
  currency: string;

  /** Who pays: any donor's name ("European Union"), or a registered party's name. */
  @Column({ type: 'varchar', length: 200 })
  funder: string;

  /** Set when the funder is a registered party (e.g. IOM, MA). */
  @Column({ name: 'funder_party_code', type: 'varchar', length: 16, nullable: true })
  funderPartyCode: string | null;

  /** Which country's part of the activity this money is for; null: the activity as a whole. */
  @Column({ name: 'party_code', type: 'varchar', length: 16, nullable: true })
  partyCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Optimistic lock, checked by a conditional UPDATE. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}

/** Money planned for an activity (its budget), one line per funder, currency and part. */
@Entity('activity_budget_lines')
export class ActivityBudgetLine extends MoneyEntryColumns {}

/** Money actually spent on an activity, on a given day. */
@Entity('activity_spending')
export class ActivitySpending extends MoneyEntryColumns {
  @Column({ name: 'spent_on', type: 'date' })
  spentOn: CalendarDate;

  /** The finance system's reference (invoice, voucher), free text. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;
}
