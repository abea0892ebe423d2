import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { EvidenceGateModule } from '../evidence/evidence-gate.module';
import { PartiesModule } from '../parties/parties.module';
import { UsersModule } from '../users/users.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityDeletionService } from './activity-deletion.service';
import { ActivityHistory } from './activity-history.entity';
import { ActivityHistoryService } from './activity-history.service';
import { ActivityUpdatesService } from './activity-updates.service';
import { Activity } from './activity.entity';
import { ActivityQueries } from './activity-queries';
import { ActivitiesImportService } from './import/activities-import.service';
import { ImportController } from './import/import.controller';
import { PlanActivitiesReader } from './plan-activities.reader';
import { ActivityPart } from './parts/activity-part.entity';
import { ActivityPartsService } from './parts/activity-parts.service';
import { ActivityPartsStore } from './parts/activity-parts.store';
import { ActivityPartsController } from './parts/activity-parts.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Activity, ActivityHistory, ActivityPart]),
    ActionPlansModule,
    PartiesModule,
    UsersModule,
    EvidenceGateModule,
  ],
  controllers: [ActivitiesController, ActivityPartsController, ImportController],
  providers: [
    ActivityQueries,
    ActivitiesService,
    ActivityUpdatesService,
    ActivityHistoryService,
    ActivityDeletionService,
    ActivitiesImportService,
    PlanActivitiesReader,
    ActivityPartsStore,
    ActivityPartsService,
  ],
  exports: [ActivityQueries, ActivitiesService, PlanActivitiesReader, ActivityPartsStore],
})
export class ActivitiesModule {}
