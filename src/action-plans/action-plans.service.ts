import { mergeTranslations } from '../common/i18n/translations';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { termExpiresOn } from '../agreements/agreement-terms';
import { AgreementsService } from '../agreements/agreements.service';
import type { Actor } from '../common/auth/actor';
import { NotFound, VersionConflict } from '../common/errors/domain-errors';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { todayIn } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { PartiesService } from '../parties/parties.service';
import { ActionPlan } from './action-plan.entity';
import { ActionPlanQueries, type VisiblePlan } from './action-plan-queries';
import { ActionPlanView, toActionPlanView } from './action-plan-view';
import { CreateActionPlanDto } from './dto/create-action-plan.dto';
import { UpdateActionPlanDto } from './dto/update-action-plan.dto';

export type { VisiblePlan } from './action-plan-queries';

@Injectable()
export class ActionPlansService {
  constructor(
    @InjectRepository(ActionPlan) private readonly plans: Repository<ActionPlan>,
    private readonly agreements: AgreementsService,
    private readonly parties: PartiesService,
    private readonly clock: Clock,
    private readonly queries: ActionPlanQueries,
  ) {}

  async listForAgreement(
    actor: Actor,
    agreementId: string,
    query: PageQueryDto,
  ): Promise<Page<ActionPlanView>> {
    await this.agreements.findVisible(actor, agreementId);
    const [plans, total] = await this.plans.findAndCount({
      where: { agreementId },
      order: { startsOn: 'DESC', id: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return {
      items: plans.map((p) => this.view(p)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(actor: Actor, id: string): Promise<ActionPlanView> {
    return this.view((await this.findVisible(actor, id)).plan);
  }

  /**
   * Holds a share lock on the plan row until `em`'s transaction ends. Renewal takes the exclusive lock
   * (FOR UPDATE) on the same row before it copies activities, so an activity change either commits
   * before the copy is made (and the copy carries it) or starts after, when the copy can be seen.
   * Changes to different activities of one plan share the lock and do not wait for each other.
   */
  async holdAgainstRenewal(em: EntityManager, planId: string): Promise<void> {
    await this.queries.holdAgainstRenewal(em, planId);
  }

  /** The plan if the caller may read its agreement; NotFound otherwise. One query (ActionPlanQueries). */
  async findVisible(actor: Actor, id: string): Promise<VisiblePlan> {
    const found = await this.queries.findVisible(actor, id);
    if (!found) throw new NotFound('Action plan', id);
    return found;
  }

  async create(
    actor: Actor,
    agreementId: string,
    dto: CreateActionPlanDto,
  ): Promise<ActionPlanView> {
    const agreement = await this.agreements.findVisible(actor, agreementId);
    const partyCodes = dto.partyCodes ?? agreement.partyCodes;
    await this.parties.assertKnownCodes(partyCodes, 'partyCodes');
    const plan = await this.plans.save(
      this.plans.create({
        agreementId,
        title: dto.title,
        translations: mergeTranslations({}, dto.translations),
        partyCodes,
        startsOn: dto.startsOn,
        durationMonths: dto.durationMonths,
        endsOn: termExpiresOn(dto.startsOn, dto.durationMonths),
        renewable: dto.renewable ?? false,
        timeZone: dto.timeZone ?? agreement.timeZone,
        ...(dto.packLanguages && { packLanguages: dto.packLanguages }),
        ...(dto.reportingFrequency && { reportingFrequency: dto.reportingFrequency }),
      }),
    );
    return this.view(plan);
  }

  async update(actor: Actor, id: string, dto: UpdateActionPlanDto): Promise<ActionPlanView> {
    const { plan } = await this.findVisible(actor, id);
    if (dto.partyCodes) await this.parties.assertKnownCodes(dto.partyCodes, 'partyCodes');
    const startsOn = dto.startsOn ?? plan.startsOn;
    const durationMonths = dto.durationMonths ?? plan.durationMonths;
    const expectedVersion = dto.version ?? plan.version;
    const changes: Partial<ActionPlan> = {
      ...(dto.title !== undefined && { title: dto.title }),
      ...(dto.translations !== undefined && {
        translations:
          dto.translations === null ? {} : mergeTranslations(plan.translations, dto.translations),
      }),
      ...(dto.partyCodes !== undefined && { partyCodes: dto.partyCodes }),
      ...(dto.renewable !== undefined && { renewable: dto.renewable }),
      ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
      ...(dto.packLanguages !== undefined && { packLanguages: dto.packLanguages }),
      ...(dto.reportingFrequency !== undefined && { reportingFrequency: dto.reportingFrequency }),
      startsOn,
      durationMonths,
      endsOn: termExpiresOn(startsOn, durationMonths),
    };
    const result = await this.plans
      .createQueryBuilder()
      .update(ActionPlan)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    if (result.affected === 0) {
      const current = await this.plans.findOneByOrFail({ id });
      throw new VersionConflict('Action plan', expectedVersion, current.version);
    }
    return this.get(actor, id);
  }

  todayFor(plan: Pick<ActionPlan, 'timeZone'>): string {
    return todayIn(plan.timeZone, this.clock.now());
  }

  private view(plan: ActionPlan): ActionPlanView {
    return toActionPlanView(plan, this.todayFor(plan));
  }
}
