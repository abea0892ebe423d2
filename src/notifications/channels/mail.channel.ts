import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import type { Channel, MailMessage } from './channel';
import { messageIdFor } from './message-id';

/**
 * SMTP through nodemailer; a pooled transport shared by the worker's deliveries. Every wait for the
 * server (connection, greeting, each reply, above all the one that accepts the message) is bounded by
 * SMTP_TIMEOUT_MS, after which nodemailer destroys the connection: a server that never answered cannot
 * accept the message later, while the row's lease, longer than that (see deliveryLeaseProblem), keeps
 * any other attempt from starting. A client-side deadline that left the connection open would instead
 * let the server accept a message the worker already counted as failed.
 */
@Injectable()
export class MailChannel implements Channel<MailMessage>, OnApplicationShutdown {
  readonly kind = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    // nodemailer reads transport options from the URL's query (e.g. `?ignoreTLS=true`); pool by default.
    const url = new URL(config.SMTP_URL);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    const timeout = config.SMTP_TIMEOUT_MS;
    this.transport = createTransport({
      url: url.toString(),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(notificationId: string, message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: message.to,
      subject: message.mail.subject,
      text: message.mail.text,
      html: message.mail.html,
      messageId: messageIdFor(notificationId, this.config.MAIL_FROM),
      headers: { 'X-Accords-Notification': notificationId },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
