import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { InvalidInput, NotFound } from '../common/errors/domain-errors';
import { SsrfGuard, UnsafeUrl } from '../common/net/ssrf-guard';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookSubscription } from './webhook-subscription.entity';

export type WebhookView = Omit<WebhookSubscription, 'secret'>;

@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(WebhookSubscription)
    private readonly subscriptions: Repository<WebhookSubscription>,
    private readonly guard: SsrfGuard,
  ) {}

  async list(query: PageQueryDto): Promise<Page<WebhookView>> {
    const [rows, total] = await this.subscriptions.findAndCount({
      where: { active: true },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return { items: rows.map(withoutSecret), total, page: query.page, pageSize: query.pageSize };
  }

  /** Answers the signing secret once; it is never listed again. */
  async create(actor: Actor, dto: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    await this.assertUrlAllowed(dto.url);
    const saved = await this.subscriptions.save(
      this.subscriptions.create({
        url: dto.url,
        events: dto.events,
        description: dto.description ?? null,
        secret: randomBytes(32).toString('hex'),
        createdBy: actor.id,
      }),
    );
    return { ...withoutSecret(saved), secret: saved.secret };
  }

  /** Changes an active subscription; a new URL passes the same checks as at creation. */
  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    const subscription = await this.subscriptions.findOneBy({ id, active: true });
    if (!subscription) throw new NotFound('Webhook', id);
    if (dto.url !== undefined) {
      await this.assertUrlAllowed(dto.url);
      subscription.url = dto.url;
    }
    if (dto.events !== undefined) subscription.events = dto.events;
    if (dto.description !== undefined) subscription.description = dto.description;
    return withoutSecret(await this.subscriptions.save(subscription));
  }

  private async assertUrlAllowed(url: string): Promise<void> {
    try {
      await this.guard.assertUrlAllowed(url);
    } catch (error) {
      if (error instanceof UnsafeUrl) throw InvalidInput.field('url', error.message);
      throw error;
    }
  }

  /** Deactivates rather than deletes, so past notifications keep their recipient. */
  async remove(id: string): Promise<void> {
    const result = await this.subscriptions.update({ id, active: true }, { active: false });
    if (result.affected === 0) throw new NotFound('Webhook', id);
  }
}

function withoutSecret(subscription: WebhookSubscription): WebhookView {
  const { secret: _secret, ...view } = subscription;
  return view;
}
