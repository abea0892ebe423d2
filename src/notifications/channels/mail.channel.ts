import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import type { RenderedMail } from '../templates/render-mail';

/** SMTP through nodemailer; a pooled transport shared by the worker's deliveries. */
@Injectable()
export class MailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(private readonly config: AppConfig) {
    // nodemailer reads transport options from the URL's query (e.g. `?ignoreTLS=true`); pool by default.
    const url = new URL(config.SMTP_URL);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    this.transport = createTransport(url.toString());
  }

  async send(to: string, mail: RenderedMail, notificationId: string): Promise<void> {
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'X-Accords-Notification': notificationId },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
