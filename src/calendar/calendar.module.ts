import { PartiesModule } from '../parties/parties.module';
import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { FeedTokensModule } from '../auth/feed-tokens/feed-tokens.module';
import { CalendarController } from './calendar.controller';
import { PlanCalendarService } from './plan-calendar.service';

/** A plan's deadlines as an iCalendar feed that calendar clients subscribe to. */
@Module({
  imports: [ActivitiesModule, AgreementsModule, FeedTokensModule, PartiesModule],
  controllers: [CalendarController],
  providers: [PlanCalendarService],
})
export class CalendarModule {}
