import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SsrfGuard } from '../common/net/ssrf-guard';
import { WebhookSubscription } from './webhook-subscription.entity';

/** HMAC-SHA256 of the exact body bytes, hex, as sent in `X-Accords-Signature: sha256=<hex>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class WebhookGone extends Error {}

/**
 * Calls a subscription: the URL is checked again at send time (its DNS may have changed since it was
 * saved) and the socket connects only to the address that was checked.
 */
@Injectable()
export class WebhookSender {
  constructor(
    @InjectRepository(WebhookSubscription)
    private readonly subscriptions: Repository<WebhookSubscription>,
    private readonly guard: SsrfGuard,
    private readonly config: AppConfig,
  ) {}

  async send(
    subscriptionId: string,
    event: string,
    idempotencyKey: string,
    payload: object,
  ): Promise<void> {
    const subscription = await this.subscriptions.findOneBy({ id: subscriptionId, active: true });
    if (!subscription) throw new WebhookGone('the webhook subscription was removed');
    const url = await this.guard.assertUrlAllowed(subscription.url);
    const body = JSON.stringify(payload);
    const client = url.protocol === 'https:' ? https : http;
    // The row's lease is sized on this timeout: the whole call must end within it.
    const timeoutMs = this.config.WEBHOOK_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: this.guard.lookupFunction(),
          timeout: timeoutMs,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'User-Agent': 'Accords-Webhooks/1',
            'X-Accords-Event': event,
            'X-Accords-Signature': signBody(subscription.secret, body),
            'Idempotency-Key': idempotencyKey,
          },
        },
        (response) => {
          response.resume(); // drain; the body is not used
          response.on('end', () => {
            clearTimeout(deadline);
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new Error(`webhook answered HTTP ${status}`));
          });
          // A receiver that drops the connection mid-answer never emits 'end'.
          response.on('aborted', () => request.destroy(new Error('webhook answer was cut off')));
          response.on('error', (error) => request.destroy(error));
        },
      );
      // `timeout` only covers idle sockets; this bounds the whole call, so a job never hangs.
      const deadline = setTimeout(
        () => request.destroy(new Error(`no complete answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      request.end(body);
    });
  }
}
