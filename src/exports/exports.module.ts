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
import { PlanHistory } from './renewal/plan-history.entity';
import { PlanHistoryService } from './renewal/plan-history.service';
import { PlanRenewalService } from './renewal/plan-renewal.service';
import { RenewalController } from './renewal/renewal.controller';

/**
 * Getting plans in and out: CSV, XLSX and IATI exports, calendar feeds (with their tokens), the
 * spreadsheet import, and plan renewal with the plan history it writes.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([FeedToken, PlanHistory]),
    ActionPlansModule,
    ActivitiesModule,
    AgreementsModule,
    AuthModule,
    PartiesModule,
    UsersModule,
  ],
  controllers: [ExportsController, ImportController, FeedTokensController, RenewalController],
  providers: [
    PlanActivitiesReader,
    PartyDirectory,
    ActivityExportsService,
    ActivityStartDates,
    PlanCalendarService,
    CalendarCaller,
    FeedTokensService,
    ActivitiesImportService,
    PlanRenewalService,
    PlanHistoryService,
  ],
})
export class ExportsModule {}
