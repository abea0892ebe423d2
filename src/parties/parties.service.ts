import { CONTENT_LANGUAGES } from '../common/i18n/translations';
import type { PartyNamesDto } from './dto/party-names.dto';
import type { UpdatePartyDto } from './dto/update-party.dto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Conflict, InvalidInput, NotFound } from '../common/errors/domain-errors';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { CreatePartyDto } from './dto/create-party.dto';
import { Party, type PartyNames } from './party.entity';
import type { PartyLike } from './party-names';
import { preparedQuery } from '../database/prepared';

const DIRECTORY_SQL = 'SELECT code, name, names, type FROM parties ORDER BY code';

@Injectable()
export class PartiesService {
  constructor(@InjectRepository(Party) private readonly parties: Repository<Party>) {}

  async list(query: PageQueryDto): Promise<Page<Party>> {
    const [items, total] = await this.parties.findAndCount({
      order: { type: 'DESC', code: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every party by code, for naming them in the reader's language (tens of rows, one query). The worker
   * reads it for each nudge and results-due mail it sends, so it is a prepared statement selecting just
   * what naming needs, without an entity per row (reminder mails get their names with their subject).
   */
  async directory(): Promise<Map<string, PartyLike>> {
    const all = await preparedQuery<PartyLike>(this.parties.manager, DIRECTORY_SQL, []);
    return new Map(all.map((p) => [p.code, p]));
  }

  async create(dto: CreatePartyDto): Promise<Party> {
    if (dto.type === 'state' && !/^[A-Z]{2}$/.test(dto.code)) {
      throw InvalidInput.field('code', 'a state is identified by its ISO 3166-1 alpha-2 code');
    }
    if (await this.parties.existsBy({ code: dto.code })) {
      throw new Conflict(`A party with code ${dto.code} already exists.`);
    }
    return this.parties.save(this.parties.create({ ...dto, names: mergeNames({}, dto.names) }));
  }

  /** Renames a party (its full name, its short names per language); 404 for an unknown code. */
  async update(code: string, dto: UpdatePartyDto): Promise<Party> {
    const party = await this.parties.findOneBy({ code });
    if (!party) throw new NotFound('Party', code);
    await this.parties.update(
      { code },
      {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.names !== undefined && { names: mergeNames(party.names, dto.names) }),
      },
    );
    return this.parties.findOneByOrFail({ code });
  }

  /**
   * Throws a validation error naming `field` unless every code is a known party. Used by every service
   * that stores party codes, since the arrays carry no foreign key.
   */
  async assertKnownCodes(codes: string[], field: string): Promise<void> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return;
    const found = await this.parties.find({ where: { code: In(unique) }, select: { code: true } });
    const known = new Set(found.map((p) => p.code));
    const unknown = unique.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw InvalidInput.field(field, `unknown party code(s): ${unknown.join(', ')}`);
    }
  }
}

/** Given names replace stored ones; null or blank removes a language; others are kept. */
function mergeNames(current: PartyNames, given: PartyNamesDto | undefined): PartyNames {
  const next: PartyNames = { ...current };
  for (const language of CONTENT_LANGUAGES) {
    const value = given?.[language];
    if (value === undefined) continue;
    if (value === null || value.trim() === '') delete next[language];
    else next[language] = value.trim();
  }
  return next;
}
