import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { NotAuthenticated } from '../../common/errors/domain-errors';
import { UsersService } from '../../users/users.service';
import { AuthService, type BearerRequest } from '../auth.service';
import { FeedTokensService } from './feed-tokens.service';

/**
 * Who is reading a calendar feed. Calendar clients (Outlook, Google) subscribe to a URL and cannot send
 * an Authorization header, so the feed route is public and accepts either a bearer token or
 * `?token=<feed token>`. A request with an Authorization header is verified by AuthService.verifyRequest,
 * exactly as the global guard does (one parser of bearer headers); both paths end in
 * UsersService.loadActor, so a feed token carries exactly its owner's current role and scope, and a
 * deactivated owner's tokens stop working.
 */
@Injectable()
export class CalendarCaller {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly feedTokens: FeedTokensService,
  ) {}

  async resolve(request: BearerRequest, feedToken: string | undefined): Promise<Actor> {
    let actor: Actor | null;
    if (request.headers.authorization) {
      // A bearer token revoked by a password or role change stops working here too.
      const { userId, generation } = await this.auth.verifyRequest(request);
      actor = await this.users.loadActor(userId, generation);
    } else if (feedToken) {
      actor = await this.users.loadActor(await this.feedTokens.resolveUserId(feedToken));
    } else throw new NotAuthenticated('A bearer token or a feed token (?token=) is required.');
    if (!actor) throw new NotAuthenticated('The account behind this token is no longer active.');
    return actor;
  }
}
