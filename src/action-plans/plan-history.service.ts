import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ActionPlansService } from './action-plans.service';
import type { Actor } from '../common/auth/actor';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { Clock } from '../common/time/clock';
import { PlanHistory, PlanHistoryDetails, PlanHistoryEvent } from './plan-history.entity';

@Injectable()
export class PlanHistoryService {
  constructor(
    @InjectRepository(PlanHistory) private readonly history: Repository<PlanHistory>,
    private readonly plans: ActionPlansService,
    private readonly clock: Clock,
  ) {}

  /** Renewals and imports of a plan, oldest first. */
  async list(actor: Actor, planId: string, query: PageQueryDto): Promise<Page<PlanHistory>> {
    await this.plans.findVisible(actor, planId);
    const [items, total] = await this.history.findAndCount({
      where: { planId },
      order: { at: 'ASC', id: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Appends an event inside the caller's transaction, so it is kept exactly when the change is. */
  async record(
    em: EntityManager,
    planId: string,
    actor: Actor,
    event: PlanHistoryEvent,
    details: PlanHistoryDetails,
  ): Promise<void> {
    await em.insert(PlanHistory, {
      planId,
      actorId: actor.id,
      at: this.clock.now(),
      event,
      details,
    });
  }
}
