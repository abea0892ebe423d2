import { Body, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor } from '../../common/auth/decorators';
import { UuidParam } from '../../common/errors/validation';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { Post } from '../../idempotency/idempotent-post.decorator';
import { SecretResponse } from '../../idempotency/secret-response.decorator';
import { CreateFeedTokenDto } from './dto/create-feed-token.dto';
import { FeedTokensService } from './feed-tokens.service';

@ApiTags('calendar feeds')
@ApiBearerAuth()
@Controller('feed-tokens')
export class FeedTokensController {
  constructor(private readonly tokens: FeedTokensService) {}

  /** Your calendar feed tokens (never the tokens themselves). */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.tokens.listOwn(actor, query);
  }

  /**
   * A new token for `calendar.ics?token=...`, acting as you with your read scope. The `token` is in
   * this answer only: keep it.
   */
  @Post()
  @SecretResponse()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFeedTokenDto) {
    return this.tokens.create(actor, dto);
  }

  /** Revokes one of your tokens: feeds using it answer 401 from now on. */
  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.tokens.revoke(actor, id);
  }
}
