import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import type { Channel, MailMessage } from './channel';
import { messageIdFor } from './message-id';

/**
 * SMTP through nodemailer; a pooled transport shared by the worker's deliveries. Every phase has the
 * configured timeout and the whole send a deadline of the same length, so a send never outlives the
 * row's lease (see deliveryLeaseProblem).
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
    const timeout = this.config.SMTP_TIMEOUT_MS;
    let deadline: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.transport.sendMail({
          from: this.config.MAIL_FROM,
          to: message.to,
          subject: message.mail.subject,
          text: message.mail.text,
          html: message.mail.html,
          messageId: messageIdFor(notificationId, this.config.MAIL_FROM),
          headers: { 'X-Accords-Notification': notificationId },
        }),
        new Promise<never>((_, reject) => {
          deadline = setTimeout(
            () => reject(new Error(`SMTP send not accepted within ${timeout} ms`)),
            timeout,
          );
        }),
      ]);
    } finally {
      clearTimeout(deadline);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
