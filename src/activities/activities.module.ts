import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { PartiesModule } from '../parties/parties.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityHistory } from './activity-history.entity';
import { ActivityHistoryService } from './activity-history.service';
import { ActivityUpdatesService } from './activity-updates.service';
import { Activity } from './activity.entity';
import { ActivitiesImportService } from './import/activities-import.service';
import { ImportController } from './import/import.controller';
import { PlanActivitiesReader } from './plan-activities.reader';

@Module({
  imports: [
    TypeOrmModule.forFeature([Activity, ActivityHistory]),
    ActionPlansModule,
    PartiesModule,
  ],
  controllers: [ActivitiesController, ImportController],
  providers: [
    ActivitiesService,
    ActivityUpdatesService,
    ActivityHistoryService,
    ActivitiesImportService,
    PlanActivitiesReader,
  ],
  exports: [ActivitiesService, PlanActivitiesReader],
})
export class ActivitiesModule {}
