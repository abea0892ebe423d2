import { mergeTranslations, type Translations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { NotFound } from '../common/errors/domain-errors';
import { Page, pageOffset } from '../common/pagination/page-query.dto';
import { PartiesService } from '../parties/parties.service';
import { newActivityFields, type ActivityFields } from './activity-changes';
import { Activity } from './activity.entity';
import { ActivityQueries, type VisibleActivity } from './activity-queries';
import { sortParts } from './activity-rows';
import { ActivityView, toActivityView } from './activity-view';
import { CreateActivityDto } from './dto/create-activity.dto';
import { ListActivitiesQuery } from './dto/list-activities.query';
import { ActivityPartsStore } from './parts/activity-parts.store';

/** Inserted per statement: keeps each INSERT's parameter count far below PostgreSQL's 65 535. */
const INSERT_CHUNK = 200;

@Injectable()
export class ActivitiesService {
  constructor(
    @InjectRepository(Activity) private readonly activities: Repository<Activity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: ActivityPartsStore,
    private readonly plans: ActionPlansService,
    private readonly parties: PartiesService,
    private readonly queries: ActivityQueries,
  ) {}

  async listForPlan(
    actor: Actor,
    planId: string,
    query: ListActivitiesQuery,
  ): Promise<Page<ActivityView>> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const today = this.plans.todayFor(plan);
    const { rows, total } = await this.queries.listForPlan(planId, query, today, {
      offset: pageOffset(query),
      limit: query.pageSize,
    });
    return {
      items: rows.map(({ activity, parts }) =>
        toActivityView(activity, today, sortParts(activity, parts)),
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The activity, its parts and its plan's visibility in one statement (ActivityQueries). */
  async get(actor: Actor, id: string): Promise<ActivityView> {
    const found = await this.queries.findVisibleWithParts(actor, id);
    if (!found) throw new NotFound('Activity', id);
    const { activity, plan, parts } = found;
    return toActivityView(activity, this.plans.todayFor(plan.plan), sortParts(activity, parts));
  }

  /** The activity as answered, with its parts (read through `em` inside a transaction). */
  async viewOf(activity: Activity, today: string, em?: EntityManager): Promise<ActivityView> {
    const parts = await this.parts.partsOf([activity], em);
    return toActivityView(activity, today, parts.get(activity.id)!);
  }

  /**
   * The activity and its plan if the caller may read the plan's agreement; NotFound otherwise (the
   * same answer whether it does not exist or is out of the caller's scope). One statement.
   */
  async findVisible(actor: Actor, id: string): Promise<VisibleActivity> {
    const found = await this.queries.findVisibleWithPlan(actor, id);
    if (!found) throw new NotFound('Activity', id);
    return found;
  }

  async create(actor: Actor, planId: string, dto: CreateActivityDto): Promise<ActivityView> {
    const { plan } = await this.plans.findVisible(actor, planId);
    const today = this.plans.todayFor(plan);
    const partyCodes = dto.partyCodes ?? [];
    await this.parties.assertKnownCodes([dto.leadPartyCode, ...partyCodes], 'partyCodes');
    // The activity and one part per party, together.
    return this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(Activity, {
          planId,
          ...newActivityFields(dto, today),
          translations: mergeTranslations({}, dto.translations),
        }),
      );
      await this.parts.sync(em, [saved.id], actor.id);
      return this.viewOf(saved, today, em);
    });
  }

  /**
   * Stores new activities of a plan inside the caller's transaction (the import's), with fields that
   * newActivityFields already made consistent, each with its parts. The caller has checked the plan and
   * the party codes.
   */
  async insertMany(
    em: EntityManager,
    planId: string,
    fields: (ActivityFields & { translations?: Translations })[],
    actorId: string | null = null,
  ): Promise<void> {
    for (let i = 0; i < fields.length; i += INSERT_CHUNK) {
      const result = await em.insert(
        Activity,
        fields.slice(i, i + INSERT_CHUNK).map((f) => ({ ...f, planId })),
      );
      // Each new activity gets its parts (one per party, at the activity's status) in the same transaction.
      await this.parts.sync(
        em,
        result.identifiers.map((row) => row.id as string),
        actorId,
      );
    }
  }

  /** The plan's activities among `ids` (others are left out), and which of them renewal carried over. */
  async findInPlan(
    planId: string,
    ids: string[],
  ): Promise<{ found: Map<string, Activity>; carriedOver: Map<string, string> }> {
    if (ids.length === 0) return { found: new Map(), carriedOver: new Map() };
    const [rows, copies] = await Promise.all([
      this.activities.findBy({ planId, id: In(ids) }),
      this.activities.find({
        select: { id: true, carriedOverFromId: true },
        where: { carriedOverFromId: In(ids) },
      }),
    ]);
    return {
      found: new Map(rows.map((a) => [a.id, a])),
      carriedOver: new Map(copies.map((c) => [c.carriedOverFromId!, c.id])),
    };
  }
}
