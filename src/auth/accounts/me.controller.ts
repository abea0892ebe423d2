import { Body, Controller, HttpCode, Patch, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor } from '../../common/auth/decorators';
import type { PageSessionRequest } from '../auth.guard';
import { CSRF_RESPONSE_HEADER, setSessionCookies } from '../session/session-cookies';
import { SessionsService } from '../session/sessions.service';
import { AccountsService } from './accounts.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Change your password (the current one is checked, limited like a login; a wrong one is a 400 on
   * `currentPassword`). Every other token and session of the account stops working. A page signed in
   * by cookie stays signed in: it gets new cookies and its new CSRF token in the X-CSRF-Token header.
   */
  @ApiNoContentResponse({ description: 'Password changed.' })
  @Put('password')
  @HttpCode(204)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest & PageSessionRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const user = await this.accounts.changeOwnPassword(actor, dto, request.ip);
    if (request.pageSessionId) {
      await this.sessions.revoke(request.pageSessionId, 'password-changed');
      const session = await this.sessions.start(user);
      setSessionCookies(request, reply, session);
      reply.header(CSRF_RESPONSE_HEADER, session.csrfToken);
    }
  }

  /** Change your name, language (fr, en, ar) or time zone (IANA). */
  @Patch()
  updateProfile(@CurrentActor() actor: Actor, @Body() dto: UpdateProfileDto) {
    return this.accounts.updateProfile(actor, dto);
  }
}
