import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTIVITY_TYPES, type ActivityType } from '../../activities/activity.entity';
import { InvalidInput } from '../../common/errors/domain-errors';
import { sortKinds } from '../evidence-gate';
import type { EvidenceKind } from '../evidence-kinds';
import { EvidenceRequirement } from './evidence-requirement.entity';
import type { PutEvidenceRequirementsDto } from './evidence-requirements.dto';

export interface EvidenceRequirementsView {
  items: { activityType: ActivityType; kinds: EvidenceKind[] }[];
}

/**
 * Which evidence each activity type requires before a part may be completed. Changing it never touches
 * parts already completed: the gate applies when a part becomes completed.
 */
@Injectable()
export class EvidenceRequirementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every activity type, with an empty list when it requires nothing. */
  async get(): Promise<EvidenceRequirementsView> {
    const rows = await this.dataSource.manager.find(EvidenceRequirement);
    return {
      items: ACTIVITY_TYPES.map((activityType) => ({
        activityType,
        kinds: sortKinds(rows.filter((r) => r.activityType === activityType).map((r) => r.kind)),
      })),
    };
  }

  /** Replaces the whole set in one transaction. */
  async put(dto: PutEvidenceRequirementsDto): Promise<EvidenceRequirementsView> {
    const seen = new Set<string>();
    dto.items.forEach((item, index) => {
      if (seen.has(item.activityType)) {
        throw InvalidInput.field(`items.${index}.activityType`, 'is listed twice');
      }
      seen.add(item.activityType);
    });
    const rows = dto.items.flatMap((item) =>
      [...new Set(item.kinds)].map((kind) => ({ activityType: item.activityType, kind })),
    );
    await this.dataSource.transaction(async (em) => {
      await em.createQueryBuilder().delete().from(EvidenceRequirement).execute();
      if (rows.length > 0) await em.insert(EvidenceRequirement, rows);
    });
    return this.get();
  }
}
