import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { ActivitiesService } from './activities.service';
import { UsersService } from '../users/users.service';
import { ActivityHistory } from './activity-history.entity';

/** A history row as answered: who by name too, so that the page shows people, not addresses. */
export type ActivityHistoryEntry = ActivityHistory & { actorName: string | null };

@Injectable()
export class ActivityHistoryService {
  constructor(
    @InjectRepository(ActivityHistory) private readonly history: Repository<ActivityHistory>,
    private readonly activities: ActivitiesService,
    private readonly users: UsersService,
  ) {}

  /** Every accepted change, oldest first: who (id, e-mail, name), when, field, from → to, note. */
  async list(
    actor: Actor,
    activityId: string,
    query: PageQueryDto,
  ): Promise<Page<ActivityHistoryEntry>> {
    await this.activities.findVisible(actor, activityId);
    const [items, total] = await this.history.findAndCount({
      where: { activityId },
      order: { at: 'ASC', field: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    const names = await this.users.displayNames(items.map((h) => h.actorId));
    return {
      items: items.map((h) => ({
        ...h,
        actorName: h.actorId ? (names.get(h.actorId) ?? null) : null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
