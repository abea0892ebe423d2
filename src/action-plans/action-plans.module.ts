import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { PartiesModule } from '../parties/parties.module';
import { ActionPlan } from './action-plan.entity';
import { ActionPlansController } from './action-plans.controller';
import { ActionPlansService } from './action-plans.service';
import { PlanHistory } from './plan-history.entity';
import { PlanHistoryService } from './plan-history.service';

@Module({
  imports: [TypeOrmModule.forFeature([ActionPlan, PlanHistory]), AgreementsModule, PartiesModule],
  controllers: [ActionPlansController],
  providers: [ActionPlansService, PlanHistoryService],
  exports: [ActionPlansService, PlanHistoryService],
})
export class ActionPlansModule {}
