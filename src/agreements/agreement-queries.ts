import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { agreementScope } from '../common/auth/permissions';
import { agreementScopeCondition } from '../common/auth/scope-sql';
import { pageOffset, type PageQueryDto } from '../common/pagination/page-query.dto';
import { Agreement } from './agreement.entity';

/**
 * The agreements' reads scoped to the caller (a repository in the Immich sense): the scope is the one
 * SQL spelling of common/auth/scope-sql.ts, in the statement itself, so what a caller may read is
 * decided the same way here as for plans, activities, the dashboard and the portfolio. Agreements keep
 * their TypeORM entity: the lifecycle reads and writes many of its columns, and these routes are cold.
 */
@Injectable()
export class AgreementQueries {
  constructor(@InjectRepository(Agreement) private readonly agreements: Repository<Agreement>) {}

  /** The agreement if it exists and the actor may read it; null otherwise. One statement. */
  async findVisible(actor: Actor, id: string): Promise<Agreement | null> {
    const scope = agreementScopeCondition(agreementScope(actor), 'a');
    return this.agreements
      .createQueryBuilder('a')
      .where('a.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .getOne();
  }

  /** One page of the agreements the actor may read, latest signed first, and their number. */
  async listVisible(actor: Actor, query: PageQueryDto): Promise<[Agreement[], number]> {
    const scope = agreementScopeCondition(agreementScope(actor), 'a');
    return this.agreements
      .createQueryBuilder('a')
      .where(scope.sql, scope.params)
      .orderBy('a.signed_on', 'DESC')
      .addOrderBy('a.id')
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
  }
}
