import { Module } from '@nestjs/common';
import { EvidenceGate } from './evidence-gate';

/**
 * The completion gate alone (database only): imported by the activities module, whose parts service
 * and joint PATCH refuse to complete a part without its required evidence. The evidence API
 * (EvidenceModule) depends on activities, so the gate cannot live there without a cycle.
 */
@Module({ providers: [EvidenceGate], exports: [EvidenceGate] })
export class EvidenceGateModule {}
