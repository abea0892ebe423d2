import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { DashboardService } from './dashboard.service';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';

/** Read models over plans and activities: progress of one plan and the cross-plan dashboard. */
@Module({
  imports: [ActionPlansModule],
  controllers: [ProgressController],
  providers: [ProgressService, DashboardService],
})
export class ProgressModule {}
