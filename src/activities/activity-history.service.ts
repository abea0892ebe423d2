import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { ActivitiesService } from './activities.service';
import { ActivityHistory } from './activity-history.entity';

@Injectable()
export class ActivityHistoryService {
  constructor(
    @InjectRepository(ActivityHistory) private readonly history: Repository<ActivityHistory>,
    private readonly activities: ActivitiesService,
  ) {}

  /** Every accepted change, oldest first: who, when, field, from → to, note. */
  async list(
    actor: Actor,
    activityId: string,
    query: PageQueryDto,
  ): Promise<Page<ActivityHistory>> {
    await this.activities.findVisible(actor, activityId);
    const [items, total] = await this.history.findAndCount({
      where: { activityId },
      order: { at: 'ASC', field: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
