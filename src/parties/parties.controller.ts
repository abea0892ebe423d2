import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { CreatePartyDto } from './dto/create-party.dto';
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
}
