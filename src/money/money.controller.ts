import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { resolveVersion } from '../activities/activity-updates.service';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidParam } from '../common/errors/validation';
import { Post } from '../idempotency/idempotent-post.decorator';
import {
  CreateBudgetLineDto,
  CreateSpendingDto,
  DeleteMoneyEntryQuery,
  UpdateBudgetLineDto,
  UpdateSpendingDto,
} from './dto/money-entry.dto';
import { MoneyEntriesService } from './money-entries.service';
import { MoneyTotalsService } from './money-totals.service';

const uuidParam = (name: string) => ({
  name,
  schema: { type: 'string' as const, format: 'uuid', maxLength: 36 },
});
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version of the entry you read, e.g. "3" (or `version` in the body / query)',
  schema: { type: 'string', maxLength: 16, pattern: '^(W/)?"?[0-9]{1,10}"?$' },
};
const FORBIDDEN =
  "An observer, or a focal point on another party's part (or on the activity's whole budget).";
const CONFLICT = 'Stale version of the entry (`currentVersion`).';

/**
 * Money of an activity: budget lines (planned) and spending (actual), each in its own currency, and the
 * plan's totals per currency. Whoever reads the activity reads its money; programme managers and
 * admins record any, a focal point its own party's part (permissions.ts, canRecordMoney).
 */
@ApiTags('money')
@ApiBearerAuth()
@Controller()
export class MoneyController {
  constructor(
    private readonly entries: MoneyEntriesService,
    private readonly totals: MoneyTotalsService,
  ) {}

  /**
   * The plan's planned budget and actual spending: totals, per party's part and per funder, each per
   * currency with `planned`, `spent` (exact strings, "1234.50") and `usePercent` (whole percent of the
   * planned spent; null when nothing is planned in that currency). Never converted between currencies.
   */
  @Get('action-plans/:id/money')
  planMoney(@CurrentActor() actor: Actor, @Param('id', UuidParam) planId: string) {
    return this.totals.forPlan(actor, planId);
  }

  /** The activity's budget lines, by currency, with the total per currency. */
  @Get('activities/:id/budget-lines')
  listBudget(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.entries.list(actor, 'budget', id);
  }

  /**
   * A budget line. `partyCode` left out: the focal point's own party (a manager: the whole activity).
   * `funder` (a name) or `funderPartyCode` (a registered party) or both.
   */
  @Post('activities/:id/budget-lines')
  @ApiForbiddenResponse({ description: FORBIDDEN })
  createBudget(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateBudgetLineDto,
  ) {
    return this.entries.create(actor, 'budget', id, dto);
  }

  /** Changes a budget line; needs its `version` (body or `If-Match`). */
  @Patch('activities/:id/budget-lines/:lineId')
  @ApiParam(uuidParam('lineId'))
  @ApiHeader(IF_MATCH)
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: CONFLICT })
  async updateBudget(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lineId', UuidParam) lineId: string,
    @Body() dto: UpdateBudgetLineDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = resolveVersion(dto.version, ifMatch);
    const entry = await this.entries.update(actor, 'budget', id, lineId, dto, version);
    void reply.header('ETag', `"${entry.version}"`);
    return entry;
  }

  /** Deletes a budget line, with the version you read (`If-Match` or `?version=`). */
  @Delete('activities/:id/budget-lines/:lineId')
  @HttpCode(204)
  @ApiParam(uuidParam('lineId'))
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted; the activity history keeps what it was.' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: CONFLICT })
  async deleteBudget(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('lineId', UuidParam) lineId: string,
    @Query() query: DeleteMoneyEntryQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    const version = resolveVersion(query.version, ifMatch, 'query');
    await this.entries.delete(actor, 'budget', id, lineId, version);
  }

  /** The activity's spending, by day spent, with the total per currency. */
  @Get('activities/:id/spending')
  listSpending(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.entries.list(actor, 'spending', id);
  }

  /**
   * Money spent on the activity on `spentOn` (not in the future, in the plan's time zone). Same rules
   * as a budget line for `partyCode` and the funder.
   */
  @Post('activities/:id/spending')
  @ApiForbiddenResponse({ description: FORBIDDEN })
  createSpending(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateSpendingDto,
  ) {
    return this.entries.create(actor, 'spending', id, dto);
  }

  @Patch('activities/:id/spending/:entryId')
  @ApiParam(uuidParam('entryId'))
  @ApiHeader(IF_MATCH)
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: CONFLICT })
  async updateSpending(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('entryId', UuidParam) entryId: string,
    @Body() dto: UpdateSpendingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = resolveVersion(dto.version, ifMatch);
    const entry = await this.entries.update(actor, 'spending', id, entryId, dto, version);
    void reply.header('ETag', `"${entry.version}"`);
    return entry;
  }

  @Delete('activities/:id/spending/:entryId')
  @HttpCode(204)
  @ApiParam(uuidParam('entryId'))
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted; the activity history keeps what it was.' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiConflictResponse({ description: CONFLICT })
  async deleteSpending(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('entryId', UuidParam) entryId: string,
    @Query() query: DeleteMoneyEntryQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    const version = resolveVersion(query.version, ifMatch, 'query');
    await this.entries.delete(actor, 'spending', id, entryId, version);
  }
}
