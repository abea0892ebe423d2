import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueuesModule } from '../queues/queues.module';
import { MailChannel } from './channels/mail.channel';
import { NotificationEnqueuer } from './notification-enqueuer';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationWriter } from './notification-writer';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';

@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationPreference]), QueuesModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    PreferencesService,
    NotificationWriter,
    NotificationEnqueuer,
    MailChannel,
  ],
  exports: [NotificationWriter, NotificationEnqueuer, MailChannel],
})
export class NotificationsModule {}
