import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { InvalidInput } from '../common/errors/domain-errors';
import { RULE_KINDS } from './notification-kinds';
import { PreferencesDto } from './dto/preferences.dto';
import { NotificationPreference } from './notification-preference.entity';

export interface PreferenceView {
  ruleKind: string;
  channel: 'email';
  enabled: boolean;
}

@Injectable()
export class PreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every rule kind with its email channel, on unless switched off. */
  async forUser(actor: Actor): Promise<PreferenceView[]> {
    const stored = await this.dataSource
      .getRepository(NotificationPreference)
      .findBy({ userId: actor.id, channel: 'email' });
    const off = new Set(stored.filter((p) => !p.enabled).map((p) => p.ruleKind));
    return RULE_KINDS.map((ruleKind) => ({
      ruleKind,
      channel: 'email',
      enabled: !off.has(ruleKind),
    }));
  }

  /** Sets the given switches; kinds not mentioned keep their current state. */
  async update(actor: Actor, dto: PreferencesDto): Promise<PreferenceView[]> {
    const keys = dto.preferences.map((p) => `${p.ruleKind}|${p.channel}`);
    if (new Set(keys).size !== keys.length) {
      throw InvalidInput.field('preferences', 'names the same rule kind and channel twice');
    }
    await this.dataSource.getRepository(NotificationPreference).upsert(
      dto.preferences.map((p) => ({ userId: actor.id, ...p })),
      ['userId', 'ruleKind', 'channel'],
    );
    return this.forUser(actor);
  }
}
