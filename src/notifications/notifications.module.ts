import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueuesModule } from '../queues/queues.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { MailChannel } from './channels/mail.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { DeliveryQueue } from './delivery-queue';
import { NotificationDelivery } from './notification-delivery';
import { NotificationLifecycle } from './notification-lifecycle';
import { NotificationPreference } from './notification-preference.entity';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';

/**
 * Owns a notification's life: planning rows, leasing, sending through a channel, marking, requeueing.
 * Features that produce notifications (reminders) hand rows to the lifecycle and say what a message
 * contains through a MessageComposer; they never touch the table or a lease.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Notification, NotificationPreference]),
    QueuesModule,
    WebhooksModule,
  ],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    PreferencesService,
    DeliveryQueue,
    NotificationLifecycle,
    NotificationDelivery,
    MailChannel,
    WebhookChannel,
  ],
  exports: [NotificationLifecycle, NotificationDelivery],
})
export class NotificationsModule {}
