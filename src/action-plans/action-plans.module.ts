import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { PartiesModule } from '../parties/parties.module';
import { UsersModule } from '../users/users.module';
import { ActionPlan } from './action-plan.entity';
import { ActionPlanQueries } from './action-plan-queries';
import { ActionPlansController } from './action-plans.controller';
import { ActionPlansService } from './action-plans.service';
import { PlanHistory } from './plan-history.entity';
import { PlanHistoryService } from './plan-history.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ActionPlan, PlanHistory]),
    AgreementsModule,
    PartiesModule,
    UsersModule,
  ],
  controllers: [ActionPlansController],
  providers: [ActionPlanQueries, ActionPlansService, PlanHistoryService],
  exports: [ActionPlanQueries, ActionPlansService, PlanHistoryService],
})
export class ActionPlansModule {}
