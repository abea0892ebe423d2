import { Module } from '@nestjs/common';
import { ActionPlansModule } from './action-plans/action-plans.module';
import { ActivitiesModule } from './activities/activities.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AuthModule } from './auth/auth.module';
import { FeedTokensModule } from './auth/feed-tokens/feed-tokens.module';
import { CalendarModule } from './calendar/calendar.module';
import { CoreModule } from './config/core.module';
import { DashboardPageModule } from './dashboard/dashboard-page.module';
import { DatabaseModule } from './database/database.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ExportsModule } from './exports/exports.module';
import { MoneyModule } from './money/money.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MeetingPacksModule } from './meeting-packs/meeting-packs.module';
import { MeetingsModule } from './meetings/meetings.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PartiesModule } from './parties/parties.module';
import { PlanRenewalModule } from './plan-renewal/plan-renewal.module';
import { PortfolioModule } from './portfolio/portfolio.module';
import { ProgressModule } from './progress/progress.module';
import { RedisModule } from './redis/redis.module';
import { RemindersModule } from './reminders/reminders.module';
import { ResultsModule } from './results/results.module';
import { ResultsIoModule } from './results-io/results-io.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The HTTP process: the contract in API.md. It never runs queue processors. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule,
    RedisModule,
    AuthModule,
    PartiesModule,
    UsersModule,
    AgreementsModule,
    ActionPlansModule,
    ActivitiesModule,
    ProgressModule,
    PortfolioModule,
    HealthModule,
    NotificationsModule,
    WebhooksModule,
    RemindersModule,
    DashboardPageModule,
    ExportsModule,
    CalendarModule,
    MeetingsModule,
    FeedTokensModule,
    PlanRenewalModule,
    IdempotencyModule,
    MeetingPacksModule,
    EvidenceModule,
    ResultsModule,
    MoneyModule,
    ResultsIoModule,
  ],
})
export class ApiModule {}
