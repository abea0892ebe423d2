import { Injectable } from '@nestjs/common';
import { WebhookGone, WebhookSender } from '../../webhooks/webhook-sender';
import { RecipientGone, type Channel, type WebhookMessage } from './channel';

/** An HMAC-signed POST; the notification id travels as `Idempotency-Key`. */
@Injectable()
export class WebhookChannel implements Channel<WebhookMessage> {
  readonly kind = 'webhook' as const;

  constructor(private readonly sender: WebhookSender) {}

  async send(notificationId: string, message: WebhookMessage): Promise<void> {
    try {
      await this.sender.send(
        message.subscriptionId,
        message.event,
        notificationId,
        message.payload,
      );
    } catch (error) {
      if (error instanceof WebhookGone) throw new RecipientGone(error.message);
      throw error;
    }
  }
}
