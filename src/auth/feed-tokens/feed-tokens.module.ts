import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../../users/users.module';
import { AuthModule } from '../auth.module';
import { CalendarCaller } from './calendar-caller';
import { FeedToken } from './feed-token.entity';
import { FeedTokensController } from './feed-tokens.controller';
import { FeedTokensService } from './feed-tokens.service';

/**
 * Feed tokens: the second credential the service accepts, for calendar clients that cannot send a
 * header. CalendarCaller turns a request (bearer or `?token=`) into an actor the same way the guard does.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FeedToken]), AuthModule, UsersModule],
  controllers: [FeedTokensController],
  providers: [FeedTokensService, CalendarCaller],
  exports: [CalendarCaller],
})
export class FeedTokensModule {}
