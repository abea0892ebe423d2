import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActivityType } from '../activities/activity.entity';
import { ActivityEvidence } from './activity-evidence.entity';
import { activityChecklists, partChecklist, type PartChecklist } from './evidence-checklist';
import { EvidenceMissing } from './evidence-errors';
import { EVIDENCE_KINDS, type EvidenceKind } from './evidence-kinds';
import { EvidenceRequirement } from './requirements/evidence-requirement.entity';

/** What the gate reads of an activity. */
export interface GatedActivity {
  id: string;
  type: ActivityType;
}

/**
 * The completion gate and the checklists behind it. Needs only the database, so that the activities
 * module (parts service, joint PATCH) can import it without depending on the evidence API.
 */
@Injectable()
export class EvidenceGate {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Refuses (409 `evidence_missing`) to mark `partyCode`'s part completed while a kind its activity
   * type requires is missing. Call it on the transition to completed only, inside the transaction that
   * writes it: parts already completed stay as they are when requirements change.
   */
  async assertPartCompletable(
    em: EntityManager,
    activity: GatedActivity,
    partyCode: string,
  ): Promise<void> {
    const required = await this.requiredKinds(activity.type, em);
    if (required.length === 0) return;
    const items = await em.find(ActivityEvidence, {
      select: { kind: true, partyCode: true },
      where: { activityId: activity.id },
    });
    const { missing } = partChecklist(partyCode, required, items);
    if (missing.length > 0) throw new EvidenceMissing(partyCode, missing);
  }

  /** Each party's checklist for the activity, in the order of `partyCodes`. */
  async checklists(
    activity: GatedActivity,
    partyCodes: readonly string[],
    items: readonly Pick<ActivityEvidence, 'kind' | 'partyCode'>[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<PartChecklist[]> {
    return activityChecklists(partyCodes, await this.requiredKinds(activity.type, em), items);
  }

  async requiredKinds(
    type: ActivityType,
    em: EntityManager = this.dataSource.manager,
  ): Promise<EvidenceKind[]> {
    const rows = await em.find(EvidenceRequirement, { where: { activityType: type } });
    return sortKinds(rows.map((r) => r.kind));
  }
}

/** Kinds in the order of EVIDENCE_KINDS (agenda before attendance list…), whatever the row order. */
export function sortKinds(kinds: readonly EvidenceKind[]): EvidenceKind[] {
  return [...kinds].sort((a, b) => EVIDENCE_KINDS.indexOf(a) - EVIDENCE_KINDS.indexOf(b));
}
