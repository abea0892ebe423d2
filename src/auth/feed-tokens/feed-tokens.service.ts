import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { NotAuthenticated, NotFound } from '../../common/errors/domain-errors';
import { Page, PageQueryDto, pageOffset } from '../../common/pagination/page-query.dto';
import { Clock } from '../../common/time/clock';
import { CreateFeedTokenDto } from './dto/create-feed-token.dto';
import { FeedToken } from './feed-token.entity';

export interface FeedTokenView {
  id: string;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Answered once, at creation: the token itself is not stored and cannot be shown again. */
export interface CreatedFeedToken extends FeedTokenView {
  token: string;
}

/** Recognisable in logs and secret scanners, like other services' token prefixes. */
const TOKEN_PREFIX = 'acf_';

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

@Injectable()
export class FeedTokensService {
  constructor(
    @InjectRepository(FeedToken) private readonly tokens: Repository<FeedToken>,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateFeedTokenDto): Promise<CreatedFeedToken> {
    // 256 random bits: guessing is hopeless, so a plain hash (not a slow one) is enough at rest.
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const saved = await this.tokens.save(
      this.tokens.create({
        userId: actor.id,
        tokenHash: hashFeedToken(token),
        label: dto.label ?? null,
        createdAt: this.clock.now(),
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    return { ...view(saved), token };
  }

  async listOwn(actor: Actor, query: PageQueryDto): Promise<Page<FeedTokenView>> {
    const [rows, total] = await this.tokens.findAndCount({
      where: { userId: actor.id },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
  }

  /** Revoking twice is harmless; another user's token is "not found", like any invisible row. */
  async revoke(actor: Actor, id: string): Promise<void> {
    const token = await this.tokens.findOneBy({ id, userId: actor.id });
    if (!token) throw new NotFound('Feed token', id);
    if (!token.revokedAt) await this.tokens.update({ id }, { revokedAt: this.clock.now() });
  }

  /** The user a live token belongs to; a revoked or unknown token is unauthenticated (401). */
  async resolveUserId(token: string): Promise<string> {
    const hash = hashFeedToken(token);
    const found = await this.tokens.findOneBy({ tokenHash: hash, revokedAt: IsNull() });
    if (!found) throw new NotAuthenticated('The feed token is unknown or has been revoked.');
    await this.tokens.update({ id: found.id }, { lastUsedAt: this.clock.now() });
    return found.userId;
  }
}

function view(token: FeedToken): FeedTokenView {
  return {
    id: token.id,
    label: token.label,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}
