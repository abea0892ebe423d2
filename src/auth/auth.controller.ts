import { Body, Controller, Get, HttpCode, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public } from '../common/auth/decorators';
import { Post } from '../idempotency/idempotent-post.decorator';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Exchange email and password for a bearer token. Repeated failures answer 429. */
  @Public()
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or an inactive account.' })
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(dto.email, dto.password, request.ip);
  }

  /** The signed-in user. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor.id);
  }
}
