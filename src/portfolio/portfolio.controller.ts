import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { PortfolioQueryDto } from './dto/portfolio-query.dto';
import { PortfolioService } from './portfolio.service';

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller()
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  /**
   * Every plan the caller may read, across agreements and countries: completion, overdue, next
   * deadline, indicator achievement and budget use per currency; filtered, sorted, paged.
   */
  @Get('portfolio')
  list(@CurrentActor() actor: Actor, @Query() query: PortfolioQueryDto) {
    return this.portfolio.list(actor, query);
  }
}
