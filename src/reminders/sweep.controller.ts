import { Body, Controller, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../common/auth/decorators';
import { NoFieldsDto } from '../common/validation/no-fields.dto';
import { Post } from '../idempotency/idempotent-post.decorator';
import { SweepService } from './sweep.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class SweepController {
  constructor(private readonly sweeps: SweepService) {}

  /** Runs one sweep now and answers what it planned and enqueued (the worker delivers). */
  @Post('sweep')
  @HttpCode(200)
  @RequireRoles('admin')
  // The body is only validated (it must be empty): unknown fields are refused, naming them.
  sweep(@Body() _body: NoFieldsDto) {
    return this.sweeps.sweep();
  }
}
