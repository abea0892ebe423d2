import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { agreementScope } from '../common/auth/permissions';
import { InvalidInput } from '../common/errors/domain-errors';
import type { Page } from '../common/pagination/page-query.dto';
import { Clock } from '../common/time/clock';
import type { PortfolioQueryDto } from './dto/portfolio-query.dto';
import { portfolioStatements } from './portfolio-sql';
import { type PortfolioDbRow, type PortfolioRow, toPortfolioRow } from './portfolio-view';

/**
 * Every plan the caller may read, across agreements and countries, with its figures: two statements
 * (the page, the total), whatever the number of plans.
 */
@Injectable()
export class PortfolioService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: PortfolioQueryDto): Promise<Page<PortfolioRow>> {
    if (query.periodFrom && query.periodTo && query.periodTo < query.periodFrom) {
      throw InvalidInput.field('periodTo', 'must not be before periodFrom');
    }
    const statements = portfolioStatements(agreementScope(actor), query, this.clock.now());
    const run = <T>(sql: string) => {
      const [text, values] = this.dataSource.driver.escapeQueryWithParameters(
        sql,
        statements.params,
      );
      return this.dataSource.query<T[]>(text, values);
    };
    const [rows, count] = await Promise.all([
      run<PortfolioDbRow>(statements.rows),
      run<{ n: number }>(statements.count),
    ]);
    return {
      items: rows.map(toPortfolioRow),
      total: count[0].n,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
