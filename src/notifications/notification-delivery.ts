import { Injectable, Logger } from '@nestjs/common';
import { type OutgoingMessage, RecipientGone } from './channels/channel';
import { MailChannel } from './channels/mail.channel';
import { WebhookChannel } from './channels/webhook.channel';
import type { MessageComposer } from './message-composer';
import { type Claim, NotificationLifecycle } from './notification-lifecycle';

export type DeliveryOutcome = 'sent' | 'cancelled' | 'already-done' | 'lease-lost';

async function retry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200 * i));
    }
  }
}

/**
 * Sends one notification row: claim its lease, ask the composer what to say, send it through its
 * channel, mark the row. The lease outlives the slowest send and its token fences the marking, so a
 * second attempt can only start once the first has ended; what remains is a worker dying between the
 * receiver's acceptance and the commit, which the stable Message-ID / Idempotency-Key make harmless.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly lifecycle: NotificationLifecycle,
    private readonly mail: MailChannel,
    private readonly webhook: WebhookChannel,
  ) {}

  async deliver(
    notificationId: string,
    composer: MessageComposer,
    finalAttempt: boolean,
  ): Promise<DeliveryOutcome> {
    const claim = await this.lifecycle.claim(notificationId);
    if (!claim) return 'already-done';
    let outcome: 'sent' | 'cancelled';
    try {
      const message = await composer.compose(claim.row);
      if (message) await this.send(claim.row.id, message);
      outcome = message ? 'sent' : 'cancelled';
    } catch (error) {
      if (!(error instanceof RecipientGone)) {
        await this.recordFailure(claim, error, finalAttempt);
        throw error;
      }
      outcome = 'cancelled'; // the recipient was removed since planning: nothing to retry
    }
    // Only the send is retried by BullMQ; marking the row is retried here, so that a brief database
    // hiccup after a successful send does not send the message again.
    const marked = await retry(() => this.lifecycle.finish(claim, outcome));
    if (!marked) {
      this.logger.warn(`notification ${claim.row.id}: lease lost before it was marked ${outcome}`);
      return 'lease-lost';
    }
    return outcome;
  }

  /** The channel the composer chose; the digest is a mail like any other. */
  private send(notificationId: string, message: OutgoingMessage): Promise<void> {
    switch (message.channel) {
      case 'email':
        return this.mail.send(notificationId, message);
      case 'webhook':
        return this.webhook.send(notificationId, message);
    }
  }

  private async recordFailure(claim: Claim, error: unknown, finalAttempt: boolean) {
    const message = error instanceof Error ? error.message : String(error);
    const held = await this.lifecycle.fail(claim, message, finalAttempt);
    this.logger.warn(
      `notification ${claim.row.id} attempt ${claim.row.attempts} failed: ${message}` +
        (held ? '' : ' (lease already lost)'),
    );
  }
}
