import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { CreatePartyDto } from './dto/create-party.dto';
import { UpdatePartyDto } from './dto/update-party.dto';
import { PartyCodeParam } from './party-code.param';
import { PartiesService } from './parties.service';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  /** Countries and organisations; readable by every signed-in user. */
  @Get()
  list(@Query() query: PageQueryDto) {
    return this.parties.list(query);
  }

  @Post()
  @RequireRoles('admin')
  create(@Body() dto: CreatePartyDto) {
    return this.parties.create(dto);
  }

  /** Rename a party: its full name and its short names per language (`names`). */
  @Patch(':code')
  @ApiParam({
    name: 'code',
    schema: { type: 'string', maxLength: 16, pattern: '^[A-Z][A-Z0-9]{1,15}$' },
  })
  @RequireRoles('admin')
  update(@Param('code', PartyCodeParam) code: string, @Body() dto: UpdatePartyDto) {
    return this.parties.update(code, dto);
  }
}
