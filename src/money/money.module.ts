import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { ActivitiesModule } from '../activities/activities.module';
import { ActivityBudgetLine, ActivitySpending } from './money-entries.entity';
import { MoneyEntriesService } from './money-entries.service';
import { MoneyReader } from './money-reader';
import { MoneyTotalsService } from './money-totals.service';
import { MoneyController } from './money.controller';

/** Planned budgets and actual spending of activities, and their totals per plan (issue 10). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ActivityBudgetLine, ActivitySpending]),
    ActivitiesModule,
    ActionPlansModule,
  ],
  controllers: [MoneyController],
  providers: [MoneyEntriesService, MoneyTotalsService, MoneyReader],
  exports: [MoneyReader],
})
export class MoneyModule {}
