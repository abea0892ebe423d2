import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import { ActivitiesService } from '../activities/activities.service';
import { ActivityHistory, type HistoryValue } from '../activities/activity-history.entity';
import type { Activity } from '../activities/activity.entity';
import type { Actor } from '../common/auth/actor';
import { canRecordMoney } from '../common/auth/permissions';
import { Forbidden, InvalidInput, NotFound, VersionConflict } from '../common/errors/domain-errors';
import { compareDates } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { Party } from '../parties/party.entity';
import { canonicalAmount, sumAmounts } from './money-amounts';
import { ActivityBudgetLine, ActivitySpending } from './money-entries.entity';
import { moneyHistoryField, moneyHistoryValue, type MoneyKind } from './money-history';
import type {
  CreateBudgetLineDto,
  CreateSpendingDto,
  UpdateBudgetLineDto,
  UpdateSpendingDto,
} from './dto/money-entry.dto';

type Entry = ActivityBudgetLine | ActivitySpending;
type CreateDto = CreateBudgetLineDto | CreateSpendingDto;
type UpdateDto = UpdateBudgetLineDto | UpdateSpendingDto;

/** Money is actual spending from this day on; anything earlier is a typing error. */
const FIRST_SPENDING_DAY = '2000-01-01';

const ENTITY = { budget: ActivityBudgetLine, spending: ActivitySpending } as const;
const NAME = { budget: 'Budget line', spending: 'Spending entry' } as const;

export interface MoneyList<T> {
  items: T[];
  /** Per currency, exact sums as strings; never added across currencies. */
  totals: { currency: string; amount: string }[];
}

/**
 * Budget lines and spending entries of one activity. Read by whoever reads the activity; recorded by
 * the rule of canRecordMoney (managers any, a focal point its own party's part). Every accepted change
 * is written with its activity history row in one transaction; changes and deletions need the entry's
 * version (optimistic lock, 409 when stale).
 */
@Injectable()
export class MoneyEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesService,
    private readonly plans: ActionPlansService,
    private readonly clock: Clock,
  ) {}

  async list(
    actor: Actor,
    kind: 'budget',
    activityId: string,
  ): Promise<MoneyList<ActivityBudgetLine>>;
  async list(
    actor: Actor,
    kind: 'spending',
    activityId: string,
  ): Promise<MoneyList<ActivitySpending>>;
  async list(actor: Actor, kind: MoneyKind, activityId: string): Promise<MoneyList<Entry>> {
    await this.activities.findVisible(actor, activityId);
    const items: Entry[] =
      kind === 'spending'
        ? await this.dataSource.manager.find(ActivitySpending, {
            where: { activityId },
            order: { spentOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
          })
        : await this.dataSource.manager.find(ActivityBudgetLine, {
            where: { activityId },
            order: { currency: 'ASC', createdAt: 'ASC', id: 'ASC' },
          });
    const byCurrency = new Map<string, string[]>();
    for (const item of items) {
      byCurrency.set(item.currency, [...(byCurrency.get(item.currency) ?? []), item.amount]);
    }
    const totals = [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amounts]) => ({ currency, amount: sumAmounts(amounts) }));
    return { items, totals };
  }

  async create(actor: Actor, kind: MoneyKind, activityId: string, dto: CreateDto): Promise<Entry> {
    const { activity, plan } = await this.activities.findVisible(actor, activityId);
    // Left out, the part is the focal point's own party (managers: the activity as a whole).
    const partyCode =
      dto.partyCode !== undefined
        ? dto.partyCode
        : actor.role === 'focal_point'
          ? actor.partyCode
          : null;
    assertMayRecord(actor, activity, partyCode);
    assertPartyOnActivity(activity, partyCode);
    const today = this.plans.todayFor(plan.plan);
    if (kind === 'spending') assertSpendingDay((dto as CreateSpendingDto).spentOn, today);

    return this.dataSource.transaction(async (em) => {
      const funder = await resolveFunder(em, dto.funder, dto.funderPartyCode ?? null);
      const at = this.clock.now();
      const fields = {
        activityId,
        planId: activity.planId,
        amount: canonicalAmount(dto.amount)!,
        currency: dto.currency,
        ...funder,
        partyCode,
        note: dto.note ?? null,
        version: 1,
        createdAt: at,
        createdBy: actor.id,
        updatedAt: at,
        updatedBy: actor.id,
        ...(kind === 'spending'
          ? {
              spentOn: (dto as CreateSpendingDto).spentOn,
              reference: (dto as CreateSpendingDto).reference ?? null,
            }
          : {}),
      };
      const saved: Entry = await em.save(em.create(ENTITY[kind], fields as Entry));
      await writeHistory(em, actor, activityId, at, [
        { field: moneyHistoryField(kind, partyCode), from: null, to: moneyHistoryValue(saved) },
      ]);
      return this.reload(em, kind, saved.id);
    });
  }

  async update(
    actor: Actor,
    kind: MoneyKind,
    activityId: string,
    entryId: string,
    dto: UpdateDto,
    expectedVersion: number,
  ): Promise<Entry> {
    const { activity, plan } = await this.activities.findVisible(actor, activityId);
    const today = this.plans.todayFor(plan.plan);
    return this.dataSource.transaction(async (em) => {
      const current = await em.findOne(ENTITY[kind], {
        where: { id: entryId, activityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFound(NAME[kind], entryId);
      // The caller must be allowed on the entry as it is and as it would be (no moving it elsewhere).
      assertMayRecord(actor, activity, current.partyCode);
      const partyCode = dto.partyCode !== undefined ? dto.partyCode : current.partyCode;
      assertMayRecord(actor, activity, partyCode);
      assertPartyOnActivity(activity, partyCode);
      if (current.version !== expectedVersion) {
        throw new VersionConflict(NAME[kind], expectedVersion, current.version);
      }
      const spending = kind === 'spending' ? (dto as UpdateSpendingDto) : null;
      if (spending?.spentOn !== undefined) assertSpendingDay(spending.spentOn, today);

      const funderChanged = dto.funder !== undefined || dto.funderPartyCode !== undefined;
      const funder = funderChanged
        ? await resolveFunder(
            em,
            // Unlinking the funder from its party keeps its name unless a new one is given.
            dto.funder ?? (dto.funderPartyCode === null ? current.funder : undefined),
            dto.funderPartyCode !== undefined ? dto.funderPartyCode : current.funderPartyCode,
          )
        : { funder: current.funder, funderPartyCode: current.funderPartyCode };
      const at = this.clock.now();
      const next = {
        amount: dto.amount !== undefined ? canonicalAmount(dto.amount)! : current.amount,
        currency: dto.currency ?? current.currency,
        ...funder,
        partyCode,
        note: dto.note !== undefined ? dto.note : current.note,
        ...(spending
          ? {
              spentOn: spending.spentOn ?? (current as ActivitySpending).spentOn,
              reference:
                spending.reference !== undefined
                  ? spending.reference
                  : (current as ActivitySpending).reference,
            }
          : {}),
      };
      const unchanged = Object.entries(next).every(
        ([key, value]) => current[key as keyof Entry] === value,
      );
      if (unchanged) return current;
      const before = moneyHistoryValue(current);
      const after = moneyHistoryValue({ ...current, ...next } as Entry);
      await em.update(ENTITY[kind], { id: entryId }, {
        ...next,
        version: current.version + 1,
        updatedAt: at,
        updatedBy: actor.id,
      } as Partial<Entry>);
      await writeHistory(em, actor, activityId, at, [
        { field: moneyHistoryField(kind, partyCode), from: before, to: after },
      ]);
      return this.reload(em, kind, entryId);
    });
  }

  async delete(
    actor: Actor,
    kind: MoneyKind,
    activityId: string,
    entryId: string,
    expectedVersion: number,
  ): Promise<void> {
    const { activity } = await this.activities.findVisible(actor, activityId);
    await this.dataSource.transaction(async (em) => {
      const current = await em.findOne(ENTITY[kind], {
        where: { id: entryId, activityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFound(NAME[kind], entryId);
      assertMayRecord(actor, activity, current.partyCode);
      if (current.version !== expectedVersion) {
        throw new VersionConflict(NAME[kind], expectedVersion, current.version);
      }
      await em.delete(ENTITY[kind], { id: entryId });
      await writeHistory(em, actor, activityId, this.clock.now(), [
        {
          field: moneyHistoryField(kind, current.partyCode),
          from: moneyHistoryValue(current),
          to: null,
        },
      ]);
    });
  }

  private async reload(em: EntityManager, kind: MoneyKind, id: string): Promise<Entry> {
    const entry = await em.findOneBy(ENTITY[kind], { id });
    if (!entry) throw new NotFound(NAME[kind], id);
    return entry;
  }
}

function assertMayRecord(actor: Actor, activity: Activity, partyCode: string | null): void {
  if (canRecordMoney(actor, activity, partyCode)) return;
  throw new Forbidden(
    actor.role === 'focal_point'
      ? `A focal point records the money of its own party's part only (${actor.partyCode ?? 'none'}); ${
          partyCode ? `this is ${partyCode}'s` : "this is the whole activity's"
        }. You may read it.`
      : 'You may read the money of this activity but not change it.',
  );
}

function assertPartyOnActivity(activity: Activity, partyCode: string | null): void {
  if (partyCode === null) return;
  if (activity.leadPartyCode === partyCode || activity.partyCodes.includes(partyCode)) return;
  throw InvalidInput.field('partyCode', `${partyCode} is not a party of this activity`);
}

/** Actual spending: a day that has come (in the plan's time zone), and not before 2000. */
function assertSpendingDay(spentOn: string, today: string): void {
  if (compareDates(spentOn, today) > 0) {
    throw InvalidInput.field(
      'spentOn',
      `is in the future (today is ${today}); record spending once made`,
    );
  }
  if (compareDates(spentOn, FIRST_SPENDING_DAY) < 0) {
    throw InvalidInput.field('spentOn', `must be ${FIRST_SPENDING_DAY} or later`);
  }
}

/** The funder's name and party: a registered party's name when only its code is given. */
async function resolveFunder(
  em: EntityManager,
  funder: string | undefined,
  funderPartyCode: string | null,
): Promise<{ funder: string; funderPartyCode: string | null }> {
  let name = funder?.trim();
  if (funder !== undefined && !name) throw InvalidInput.field('funder', 'must not be blank');
  if (funderPartyCode !== null) {
    const party = await em.findOne(Party, {
      where: { code: funderPartyCode },
      select: { name: true },
    });
    if (!party)
      throw InvalidInput.field('funderPartyCode', `unknown party code: ${funderPartyCode}`);
    name ??= party.name;
  }
  if (!name) throw InvalidInput.field('funder', 'is required (a name, or funderPartyCode)');
  return { funder: name, funderPartyCode };
}

async function writeHistory(
  em: EntityManager,
  actor: Actor,
  activityId: string,
  at: Date,
  changes: { field: string; from: HistoryValue; to: HistoryValue }[],
): Promise<void> {
  await em.insert(
    ActivityHistory,
    changes.map((c) => ({
      activityId,
      actorId: actor.id,
      actorEmail: actor.email,
      at,
      field: c.field,
      fromValue: c.from,
      toValue: c.to,
      note: null,
    })),
  );
}
