import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveryService } from './delivery.service';
import { DigestContent } from './digest/digest-content';
import { DigestPlanner } from './digest/digest-planner';
import { ReminderCandidates } from './reminder-candidates';
import { ReminderRecipients } from './reminder-recipients';
import { ReminderRulesController } from './reminder-rules.controller';
import { ReminderRulesService } from './reminder-rules.service';
import { ReminderSettings } from './reminder-settings.entity';
import { ReminderSubjects } from './reminder-subjects';
import { SweepController } from './sweep.controller';
import { SweepService } from './sweep.service';

/** Rules, the sweep that plans deliveries, and the delivery use case the worker runs. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReminderSettings]),
    AgreementsModule,
    NotificationsModule,
    WebhooksModule,
    UsersModule,
  ],
  controllers: [ReminderRulesController, SweepController],
  providers: [
    ReminderRulesService,
    ReminderCandidates,
    ReminderRecipients,
    ReminderSubjects,
    SweepService,
    DigestPlanner,
    DigestContent,
    DeliveryService,
  ],
  exports: [SweepService, DeliveryService],
})
export class RemindersModule {}
