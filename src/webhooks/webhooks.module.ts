import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { HostResolver, SsrfGuard, SystemHostResolver } from '../common/net/ssrf-guard';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';
import { WebhookSender } from './webhook-sender';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscription])],
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhookSender,
    { provide: HostResolver, useClass: SystemHostResolver },
    {
      provide: SsrfGuard,
      inject: [HostResolver, AppConfig],
      useFactory: (resolver: HostResolver, config: AppConfig) =>
        new SsrfGuard(resolver, config.WEBHOOK_ALLOWED_HOSTS.split(',')),
    },
  ],
  exports: [WebhookSender],
})
export class WebhooksModule {}
