import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { ActivitiesModule } from '../activities/activities.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { PartiesModule } from '../parties/parties.module';
import { UsersModule } from '../users/users.module';
import { ActivityExportsService } from './activity-exports.service';
import { CalendarCaller } from './calendar/calendar-caller';
import { PlanCalendarService } from './calendar/plan-calendar.service';
import { ExportsController } from './exports.controller';
import { FeedToken } from './feed-tokens/feed-token.entity';
import { FeedTokensController } from './feed-tokens/feed-tokens.controller';
import { FeedTokensService } from './feed-tokens/feed-tokens.service';
import { ActivityStartDates } from './iati/activity-start-dates';
import { ActivitiesImportService } from './import/activities-import.service';
import { ImportController } from './import/import.controller';
import { PartyDirectory } from './party-directory';
import { PlanActivitiesReader } from './plan-activities.reader';

/**
 * Getting plans in and out: CSV, XLSX and IATI exports, calendar feeds (with their tokens) and the
 * spreadsheet import.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([FeedToken]),
    ActionPlansModule,
    ActivitiesModule,
    AgreementsModule,
    AuthModule,
    PartiesModule,
    UsersModule,
  ],
  controllers: [ExportsController, ImportController, FeedTokensController],
  providers: [
    PlanActivitiesReader,
    PartyDirectory,
    ActivityExportsService,
    ActivityStartDates,
    PlanCalendarService,
    CalendarCaller,
    FeedTokensService,
    ActivitiesImportService,
  ],
})
export class ExportsModule {}
