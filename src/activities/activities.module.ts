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

@Module({
  imports: [
    TypeOrmModule.forFeature([Activity, ActivityHistory]),
    ActionPlansModule,
    PartiesModule,
  ],
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivityUpdatesService, ActivityHistoryService],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}
