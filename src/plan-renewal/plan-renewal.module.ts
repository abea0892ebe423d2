import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { ActivitiesModule } from '../activities/activities.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { PlanRenewalController } from './plan-renewal.controller';
import { PlanRenewalService } from './plan-renewal.service';

/**
 * Opening a plan's next cycle. Its own feature because it spans plans and their activities: it
 * creates a plan and copies activities in one transaction, which neither owner can do alone.
 */
@Module({
  imports: [ActionPlansModule, AgreementsModule, ActivitiesModule],
  controllers: [PlanRenewalController],
  providers: [PlanRenewalService],
})
export class PlanRenewalModule {}
