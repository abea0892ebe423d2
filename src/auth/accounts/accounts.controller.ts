import { Body, Controller, HttpCode, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, RequireRoles } from '../../common/auth/decorators';
import { Post } from '../../idempotency/idempotent-post.decorator';
import { setSessionCookies } from '../session/session-cookies';
import { SessionsService } from '../session/sessions.service';
import { AccountsService } from './accounts.service';
import { InviteUserDto } from './dto/invite-user.dto';
import { PasswordResetRequestDto } from './dto/password-reset-request.dto';
import { PasswordResetDto } from './dto/password-reset.dto';

/** What a reset request answers, whether the email exists or not. */
export class PasswordResetRequestAnswer {
  status: 'accepted';
  detail: string;
}

const RESET_REQUEST_ANSWER: PasswordResetRequestAnswer = {
  status: 'accepted',
  detail:
    'If an active account uses this email, a link to choose a new password is on its way. It works once, for 1 hour.',
};

@ApiTags('auth')
@Controller('auth')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Invite someone by email (admin): the account is created without a password and a single-use link
   * (valid 7 days) is mailed in the invitee's language. Posting the email of someone who has not
   * accepted yet updates the invitation and mails a fresh link (200; older links stop working).
   */
  @ApiBearerAuth()
  @RequireRoles('admin')
  @ApiCreatedResponse({ description: 'Invited.' })
  @ApiOkResponse({ description: 'Invitation re-sent to someone who had not accepted yet.' })
  @ApiConflictResponse({ description: 'An account with this email already exists.' })
  @Post('invitations')
  async invite(@Body() dto: InviteUserDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { user, created } = await this.accounts.invite(dto);
    reply.status(created ? 201 : 200);
    return user;
  }

  /**
   * Ask for a password reset link (valid 1 hour). The same answer, after about the same time, whether
   * or not the email belongs to an active account. Limited per email and per client address (429).
   */
  @Public()
  @ApiAcceptedResponse({ type: PasswordResetRequestAnswer })
  @ApiTooManyRequestsResponse({
    description: 'Too many requests for this email or from this address.',
  })
  @Post('password-reset-requests')
  @HttpCode(202)
  async requestReset(
    @Body() dto: PasswordResetRequestDto,
    @Req() request: FastifyRequest,
  ): Promise<PasswordResetRequestAnswer> {
    await this.accounts.requestPasswordReset(dto.email, request.ip);
    return RESET_REQUEST_ANSWER;
  }

  /**
   * Set a new password with a link's token (reset or invitation; accepting an invitation activates the
   * account). Every earlier token and session of the account stops working. `startSession: true` also
   * signs this browser in (session cookies; then GET /api/auth/session for the CSRF token).
   */
  @Public()
  @ApiNoContentResponse({ description: 'Password set.' })
  @Post('password-resets')
  @HttpCode(204)
  async reset(
    @Body() dto: PasswordResetDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const user = await this.accounts.resetPassword(dto.token, dto.password);
    if (dto.startSession) setSessionCookies(request, reply, await this.sessions.start(user));
  }
}
