import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { PartiesModule } from '../parties/parties.module';
import { MoneyModule } from '../money/money.module';
import { ActivityExportsService } from './activity-exports.service';
import { ExportsController } from './exports.controller';
import { ActivityStartDates } from './iati/activity-start-dates';
import { IatiResultsReader } from './iati/iati-results.reader';

/**
 * Getting plans out: the CSV, XLSX and IATI formats of a plan's activities. The import lives with the
 * activities (activities/import), the calendar feed in calendar/, feed tokens in auth/feed-tokens.
 */
@Module({
  imports: [ActivitiesModule, AgreementsModule, PartiesModule, MoneyModule],
  controllers: [ExportsController],
  providers: [ActivityExportsService, ActivityStartDates, IatiResultsReader],
})
export class ExportsModule {}
