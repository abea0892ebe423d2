import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { PreferencesDto } from './dto/preferences.dto';
import { NotificationsService } from './notifications.service';
import { PreferencesService } from './preferences.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly preferences: PreferencesService,
  ) {}

  /** Every reminder delivery (managers) or your own: status, attempts, last error, sentAt. */
  @Get('notifications')
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQuery) {
    return this.notifications.list(actor, query);
  }

  /** Which reminder kinds reach you by email. */
  @Get('me/notification-preferences')
  getPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.forUser(actor);
  }

  /** Switch a channel off (or on) per rule kind. */
  @Put('me/notification-preferences')
  setPreferences(@CurrentActor() actor: Actor, @Body() dto: PreferencesDto) {
    return this.preferences.update(actor, dto);
  }
}
