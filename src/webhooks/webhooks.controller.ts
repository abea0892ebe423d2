import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, RequireRoles } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  list(@Query() query: PageQueryDto) {
    return this.webhooks.list(query);
  }

  /**
   * Subscribe a URL to reminder events. Each call is a JSON POST signed with
   * `X-Accords-Signature: sha256=<hex HMAC of the body>` and carrying `Idempotency-Key`.
   */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(actor, dto);
  }

  /** Change the URL, the events or the description; the secret is kept (the receiver already has it). */
  @Patch(':id')
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', UuidParam) id: string) {
    await this.webhooks.remove(id);
  }
}
