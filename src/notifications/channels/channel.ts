import type { RenderedMail } from '../templates/render-mail';

/** A mail ready to go: whom to, and what it says (a reminder or a weekly digest alike). */
export interface MailMessage {
  channel: 'email';
  to: string;
  mail: RenderedMail;
}

/** A webhook call ready to go: which subscription, which event, and the JSON body. */
export interface WebhookMessage {
  channel: 'webhook';
  subscriptionId: string;
  event: string;
  payload: object;
}

/** What the composer hands to delivery: one message for one notification row. */
export type OutgoingMessage = MailMessage | WebhookMessage;

/**
 * One way a notification travels. `send` resolves once the receiving side accepted the message and
 * rejects on refusal or after the channel's timeout. The notification id makes a repeated send
 * recognisable by the receiver (Message-ID, Idempotency-Key).
 */
export interface Channel<M extends OutgoingMessage = OutgoingMessage> {
  readonly kind: M['channel'];
  send(notificationId: string, message: M): Promise<void>;
}

/** The receiving side no longer exists (a removed webhook subscription): nothing to retry. */
export class RecipientGone extends Error {}
