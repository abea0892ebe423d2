import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ActionPlansService } from './action-plans.service';
import type { Actor } from '../common/auth/actor';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { PlanHistory } from './plan-history.entity';

@Injectable()
export class PlanHistoryService {
  constructor(
    @InjectRepository(PlanHistory) private readonly history: Repository<PlanHistory>,
    private readonly plans: ActionPlansService,
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
}
